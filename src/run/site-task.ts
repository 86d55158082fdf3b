import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ScanOptions } from '../config/options.js';
import { parseTarget } from '../config/targets.js';
import type { Persona } from '../persona/schema.js';
import type { PlannedTarget, SiteReport } from '../report/run-summary.js';
import type { BrowserKeeper } from './browser-keeper.js';
import { consentFor } from './consent-passes.js';
import { personaForSite } from './persona-for.js';
import type { RunContext } from './run-context.js';
import { scanSite } from './scan-site.js';

/** What every site task of a run shares. */
export interface SiteTaskContext {
  options: ScanOptions;
  run: RunContext;
  runDir: string;
  seed: string;
  filePersona?: Persona;
  keeper: BrowserKeeper;
  /** A resumed run: a bundle folder left half-written by the killed run is removed first. */
  resuming: boolean;
  logger?: Logger;
}

export const BROWSER_CRASHED = 'the browser crashed during the scan (the next site gets a new browser)';

const firstLine = (error: unknown): string =>
  error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);

/**
 * Scans one planned target and always resolves to its report: a malformed target, a browser
 * that cannot start, a crash or any other error becomes a `failed` site with a one-line reason.
 * A browser crash fails the site even when the crawl limped on to the end: its evidence is cut
 * short, and a failed scan is never taken as a clean one.
 */
export async function scanPlannedSite(target: PlannedTarget, ctx: SiteTaskContext): Promise<SiteReport> {
  const startedAt = new Date().toISOString();
  const failed = (error: string, findings: SiteReport['findings'] = []): SiteReport => ({
    findings,
    summary: {
      input: target.input, ...(target.site ? { site: target.site } : {}), ...(target.consent ? { consent: target.consent } : {}), status: 'failed', error,
      pages: 0, forms: 0, requests: 0, findings: findings.length, startedAt, endedAt: new Date().toISOString(),
    },
  });
  const parsed = parseTarget(target.input);
  if ('error' in parsed || !target.bundle) return failed('error' in parsed ? parsed.error : 'no bundle folder planned');
  const bundleDir = join(ctx.runDir, target.bundle);
  if (ctx.resuming) await rm(bundleDir, { recursive: true, force: true });
  let browser;
  try {
    browser = (await ctx.keeper.get()).browser;
  } catch (error) {
    return failed(`the browser could not be started: ${firstLine(error)}`);
  }
  const persona = ctx.filePersona ?? personaForSite(ctx.seed, parsed.url.hostname);
  try {
    const options = { ...ctx.options, consent: consentFor(target, ctx.options.consent) };
    const report = await scanSite(browser, parsed.url, target.input, bundleDir, persona, options, ctx.run);
    report.summary.bundle = target.bundle;
    if (target.consent) report.summary.consent = target.consent;
    if (ctx.keeper.crashed(browser)) {
      Object.assign(report.summary, { status: 'failed', error: BROWSER_CRASHED });
    }
    return report;
  } catch (error) {
    const crashed = ctx.keeper.crashed(browser);
    ctx.logger?.error({ err: error, site: target.input, crashed }, 'site scan failed');
    return failed(crashed ? BROWSER_CRASHED : `scan failed: ${firstLine(error)}`);
  }
}
