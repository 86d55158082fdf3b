import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch.js';
import { ExitCode, UsageError } from '../config/errors.js';
import { severityRank, type ScanOptions } from '../config/options.js';
import { parseTarget } from '../config/targets.js';
import { ensureDir, siteSlug, writeJson } from '../evidence/bundle.js';
import { loadRules, BUNDLED_RULES_DIR } from '../rules/load.js';
import { redactOptions } from '../report/manifest.js';
import { RUN_SCHEMA_VERSION, type RunSummary, type SiteReport } from '../report/run-summary.js';
import { TOOL_VERSION } from '../version.js';
import { personaForSite, readPersonaFile } from './persona-for.js';
import type { RunContext } from './run-context.js';
import { scanSite } from './scan-site.js';

export interface ScanHooks {
  logger?: Logger;
  /** Called as each site completes (its bundle is on disk by then). */
  onSite?: (report: SiteReport) => void;
}

/** A run id that sorts by time and names its UTC start: `2026-11-23T10-40-00Z-3fa2`. */
export function newRunId(now = new Date()): string {
  return `${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z-${randomBytes(2).toString('hex')}`;
}

/**
 * Scans every target into one run folder. Rules, persona file and browser are checked before
 * any site is touched (a mistake there is exit 2); after that a site that fails is recorded
 * with its one-line reason and the others go on. `run.json` is rewritten as each site ends,
 * so a killed run keeps every finished site.
 */
export async function runScan(options: ScanOptions, hooks: ScanHooks = {}): Promise<{ summary: RunSummary; reports: SiteReport[] }> {
  const rules = await loadRules(options.rulesDir ? [BUNDLED_RULES_DIR, resolve(options.rulesDir)] : [BUNDLED_RULES_DIR]);
  const filePersona = options.personaFile ? await readPersonaFile(options.personaFile) : undefined;
  const targets = options.urls.map((input) => ({ input, parsed: parseTarget(input) }));
  if (targets.every((t) => 'error' in t.parsed)) {
    const first = targets[0]!.parsed as { error: string };
    throw new UsageError(first.error, 'give a URL such as https://www.example.se/');
  }
  const seed = options.seed ?? randomBytes(6).toString('hex');
  const runId = newRunId();
  const runDir = await ensureDir(resolve(options.out, runId));
  const summary: RunSummary = {
    schemaVersion: RUN_SCHEMA_VERSION, runId, runDir, tool: { name: 'pixel-audit', version: TOOL_VERSION },
    startedAt: new Date().toISOString(), seed, failOn: options.failOn, sites: [],
  };
  let launched: LaunchedBrowser = await launchBrowser({ browserPath: options.browserPath, hostResolverRules: options.hostResolverRules });
  const run: RunContext = {
    rules,
    chromium: { ...launched.location, version: launched.version },
    recordedOptions: redactOptions({ ...options, seed }),
    caseRef: options.caseRef,
    inspectors: options.inspectors,
  };
  const reports: SiteReport[] = [];
  const record = async (report: SiteReport): Promise<void> => {
    reports.push(report);
    summary.sites.push(report.summary);
    await writeJson(join(runDir, 'run.json'), summary);
    hooks.onSite?.(report);
  };
  const limit = pLimit(options.concurrency);
  const usedSlugs = new Set<string>();
  try {
    await Promise.all(targets.map(({ input, parsed }) => limit(async () => {
      const now = new Date().toISOString();
      if ('error' in parsed) {
        await record({ findings: [], summary: { input, status: 'failed', error: parsed.error, pages: 0, forms: 0, requests: 0, findings: 0, startedAt: now, endedAt: now } });
        return;
      }
      let slug = siteSlug(parsed.url);
      while (usedSlugs.has(slug)) slug += '-x';
      usedSlugs.add(slug);
      const bundleDir = join(runDir, 'sites', slug);
      if (!launched.browser.isConnected()) {
        hooks.logger?.warn('browser disconnected; starting a new one');
        launched = await launchBrowser({ browserPath: options.browserPath, hostResolverRules: options.hostResolverRules });
      }
      const persona = filePersona ?? personaForSite(seed, parsed.url.hostname);
      try {
        const report = await scanSite(launched.browser, parsed.url, input, bundleDir, persona, options, run);
        report.summary.bundle = `sites/${slug}`;
        await record(report);
      } catch (error) {
        hooks.logger?.error({ err: error, site: input }, 'site scan failed');
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
        await record({ findings: [], summary: { input, site: parsed.url.origin, status: 'failed', error: `scan failed: ${message}`, pages: 0, forms: 0, requests: 0, findings: 0, startedAt: now, endedAt: new Date().toISOString() } });
      }
    })));
  } finally {
    await launched.browser.close().catch(() => undefined);
  }
  summary.sites.sort((a, b) => options.urls.indexOf(a.input) - options.urls.indexOf(b.input));
  summary.endedAt = new Date().toISOString();
  summary.exitCode = exitCodeFor(reports, options);
  await writeJson(join(runDir, 'run.json'), summary);
  return { summary, reports };
}

/** DESIGN §6: 1 when a finding reaches `--fail-on`, else 3 when a site failed or was scanned only in part, else 0. */
export function exitCodeFor(reports: SiteReport[], options: Pick<ScanOptions, 'failOn'>): ExitCode {
  const threshold = severityRank(options.failOn);
  if (reports.some((r) => r.findings.some((f) => severityRank(f.severity) >= threshold))) return ExitCode.findings;
  if (reports.some((r) => r.summary.status !== 'ok')) return ExitCode.incomplete;
  return ExitCode.clean;
}
