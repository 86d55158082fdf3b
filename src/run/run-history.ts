import { alertNewFindings } from '../alert/alert-run.js';
import type { ScanOptions } from '../config/options.js';
import type { RunSummary, SiteReport } from '../report/run-summary.js';
import { openStore } from '../store/open-store.js';
import { recordSiteReport, siteKey, siteScanOf } from '../store/record.js';
import { incidentPeriods, periodsByFingerprint } from '../store/periods.js';
import type { PeriodsByFingerprint } from '../report/notification/schema.js';
import type { PendingScan } from './run-context.js';
import type { Store } from '../store/types.js';

/**
 * What a run keeps beyond its folder: the history store (each site recorded as it ends, so a
 * killed run keeps what it did) and the webhook alert at the end. The bundle is the evidence;
 * a store that cannot be written is reported in one line and never stops the scan.
 */
export class RunHistory {
  private constructor(
    private readonly store: Store | undefined,
    private readonly options: Pick<ScanOptions, 'webhook' | 'consent'>,
    private readonly warn: (line: string) => void,
  ) {}

  /** Opens the store named by `--store` (a bad path is a UsageError before any site is scanned). */
  static async open(options: Pick<ScanOptions, 'store' | 'webhook' | 'consent'>, warn: (line: string) => void): Promise<RunHistory> {
    return new RunHistory(options.store ? await openStore(options.store) : undefined, options, warn);
  }

  async begin(summary: RunSummary): Promise<void> {
    await this.attempt('cannot record the run', () =>
      this.store?.beginRun({ runId: summary.runId, startedAt: summary.startedAt, runDir: summary.runDir, toolVersion: summary.tool.version }));
  }

  async site(runId: string, report: SiteReport): Promise<void> {
    await this.attempt(`cannot record ${siteKey(report.summary)}`, () => this.store && recordSiteReport(this.store, runId, report, this.options.consent));
  }

  /**
   * Incident periods per fingerprint for the notification draft, counting the scan being
   * reported; undefined without a store or when the store cannot be read (never throws).
   */
  async periods(runId: string, site: string, pending: PendingScan): Promise<PeriodsByFingerprint | undefined> {
    if (!this.store) return undefined;
    const report: SiteReport = {
      findings: [...pending.findings],
      summary: {
        input: site, site, status: 'ok', pages: 0, forms: 0, requests: 0, findings: pending.findings.length,
        startedAt: pending.startedAt, endedAt: pending.endedAt,
      },
    };
    try {
      return periodsByFingerprint(await incidentPeriods(this.store, site, siteScanOf(runId, report, pending.consent)));
    } catch (error) {
      this.warn(`pixel-audit: store ${this.store.location}: cannot read history of ${site} (${(error as Error).message}); the notification states no period`);
      return undefined;
    }
  }

  /** Ends the run in the store, then alerts; never throws. */
  async finish(summary: RunSummary, reports: readonly SiteReport[]): Promise<void> {
    await this.attempt('cannot record the end of the run', () => this.store?.endRun(summary.runId, summary.endedAt ?? new Date().toISOString(), summary.exitCode));
    if (this.options.webhook) {
      await alertNewFindings({
        runId: summary.runId, runDir: summary.runDir, webhook: this.options.webhook, store: this.store, warn: this.warn,
        findings: reports.map((r) => ({ site: siteKey(r.summary), findings: r.findings })),
      });
    }
  }

  async close(): Promise<void> {
    await this.store?.close().catch(() => undefined);
  }

  private async attempt(what: string, action: () => Promise<unknown> | undefined): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.warn(`pixel-audit: store ${this.store?.location}: ${what} (${(error as Error).message}); the bundles are complete`);
    }
  }
}
