import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../config/errors.js';
import { readJsonFile } from '../../config/read-json-file.js';
import { reportLanguages } from '../../config/options.js';
import { BUNDLE_FILES, ensureDir } from '../../evidence/bundle.js';
import { readControllerFile } from '../../report/notification/controller.js';
import { incidentPeriodSchema, type PeriodsByFingerprint } from '../../report/notification/schema.js';
import { readFindingsFile, regenerateReports, type RegenerateOptions } from '../../report/regenerate.js';
import { writeRunReports } from '../../report/run-reports.js';
import { runSummarySchema, type SiteReport } from '../../report/run-summary.js';
import { loadSigningKey } from '../../report/sign.js';

interface ReportFlags {
  lang: string;
  controller?: string;
  periods?: string;
  signKey?: string;
  out?: string;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

async function readPeriods(path: string): Promise<PeriodsByFingerprint> {
  return readJsonFile(path, z.record(z.string(), incidentPeriodSchema), { label: `--periods ${path}` });
}

/** Regenerates the run folder's index.html and junit.xml from its run.json and each bundle's findings. */
async function rewriteRunReports(runDir: string): Promise<void> {
  const path = join(runDir, 'run.json');
  const run = await readJsonFile(path, runSummarySchema, { reading: '' });
  const reports: SiteReport[] = [];
  for (const summary of run.sites) {
    const findings = summary.bundle ? await readFindingsFile(join(runDir, summary.bundle)).catch(() => undefined) : undefined;
    reports.push({ summary, findings: findings?.findings ?? [], facts: findings?.facts ?? [] });
  }
  await writeRunReports(runDir, run, reports);
}

export function registerReport(program: Command, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('regenerate report.html, notification.{json,md} and control-report.md of a saved bundle or run folder (no browser)')
    .argument('<bundle>', 'site bundle or run folder')
    .option('--lang <lang>', `language of notification.md and control-report.md: ${reportLanguages.join('|')}`, 'en')
    .option('--controller <file>', 'JSON with what only the controller knows (organisation, DPO, numbers)')
    .option('--periods <file>', 'incident periods from history: JSON keyed by finding fingerprint')
    .option('--sign-key <pem>', 'Ed25519 private key (PEM): sign the rewritten manifest.json')
    .option('--out <dir>', 'write the reports there; the bundle itself is left untouched')
    .action(async (path: string, flags: ReportFlags) => {
      const lang = z.enum(reportLanguages).safeParse(flags.lang);
      if (!lang.success) throw new UsageError(`--lang: expected one of ${reportLanguages.join(', ')} (got ${JSON.stringify(flags.lang)})`);
      const isBundle = await exists(join(path, BUNDLE_FILES.evidence));
      if (!isBundle && !(await exists(join(path, 'sites')))) {
        throw new UsageError(`${path}: neither a site bundle (no ${BUNDLE_FILES.evidence}) nor a run folder (no sites/)`);
      }
      if (!isBundle && flags.out) throw new UsageError('--out takes a single site bundle, not a run folder');
      const options: RegenerateOptions = {
        lang: lang.data,
        ...(flags.controller ? { controller: await readControllerFile(flags.controller) } : {}),
        ...(flags.periods ? { periods: await readPeriods(flags.periods) } : {}),
        ...(flags.signKey ? { signingKey: await loadSigningKey(flags.signKey) } : {}),
        ...(flags.out ? { outDir: await ensureDir(flags.out) } : {}),
      };
      const bundles = isBundle ? [path] : (await readdir(join(path, 'sites'))).sort().map((name) => join(path, 'sites', name));
      for (const bundle of bundles) {
        if (!isBundle && !(await exists(join(bundle, BUNDLE_FILES.evidence)))) continue;
        const result = await regenerateReports(bundle, options);
        const where = options.outDir ?? bundle;
        const notes = [
          result.manifestRewritten ? 'manifest.json rewritten' : 'bundle untouched',
          ...(result.signedBy ? [`signed by key ${result.signedBy}`] : []),
          ...(result.signatureRemoved ? ['old manifest.sig removed (it no longer applies; give --sign-key to sign again)'] : []),
        ];
        process.stdout.write(`reports (${lang.data}): ${where}: ${result.written.join(', ')}; ${notes.join('; ')}\n`);
      }
      if (!isBundle) {
        await rewriteRunReports(path);
        process.stdout.write(`run reports: ${join(path, 'index.html')}, ${join(path, 'junit.xml')}\n`);
      }
      setExit(0);
    });
}
