import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readEvidence } from '../evidence/bundle.js';
import { renderRunIndex } from './html/run-index.js';
import { renderJunit, type JunitSite } from './junit.js';
import type { RunSummary, SiteReport } from './run-summary.js';

/** Files written into the run folder beside `run.json`. */
export const RUN_REPORT_FILES = { index: 'index.html', junit: 'junit.xml' } as const;

/** Writes the run's `index.html` and `junit.xml`; each site's forms come from its saved evidence. */
export async function writeRunReports(runDir: string, run: RunSummary, reports: readonly SiteReport[]): Promise<void> {
  const sites: JunitSite[] = [];
  for (const summary of run.sites) {
    const report = reports.find((r) => r.summary === summary || (r.summary.input === summary.input && r.summary.bundle === summary.bundle));
    const bundle = summary.bundle ? join(runDir, summary.bundle) : undefined;
    const evidence = bundle && summary.status !== 'failed' ? await readEvidence(bundle).catch(() => undefined) : undefined;
    sites.push({ summary, findings: report?.findings ?? [], facts: report?.facts ?? [], ...(evidence ? { evidence } : {}) });
  }
  await writeFile(join(runDir, RUN_REPORT_FILES.index), renderRunIndex(run));
  await writeFile(join(runDir, RUN_REPORT_FILES.junit), renderJunit(run, sites));
}
