import type { Severity } from '../config/options.js';
import type { FingerprintRecord, RunRecord, SiteScan } from './types.js';

/**
 * Rows as both drivers return them (snake_case columns, TEXT and INTEGER only), turned into
 * records. One place, so SQLite and PostgreSQL read the same schema the same way.
 */
export type Row = Record<string, unknown>;

const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

export function runFromRow(r: Row): RunRecord {
  return {
    runId: String(r.run_id), startedAt: String(r.started_at), endedAt: text(r.ended_at), runDir: text(r.run_dir),
    toolVersion: String(r.tool_version), exitCode: r.exit_code === null || r.exit_code === undefined ? undefined : Number(r.exit_code),
  };
}

export function scanFromRow(r: Row): SiteScan {
  return {
    runId: String(r.run_id), site: String(r.site), consent: String(r.consent), input: String(r.input), status: r.status as SiteScan['status'],
    error: text(r.error), startedAt: String(r.started_at), endedAt: String(r.ended_at), bundle: text(r.bundle),
    findingCount: Number(r.finding_count), fingerprints: [],
  };
}

export function fingerprintFromRow(r: Row): FingerprintRecord {
  return {
    fingerprint: String(r.fingerprint), tracker: String(r.tracker), dataCategory: String(r.data_category),
    parameter: String(r.parameter), transform: JSON.parse(String(r.transform)) as string[],
    severity: r.severity as Severity, recipientHost: String(r.recipient_host), firstSeenAt: String(r.first_seen_at),
    lastSeenAt: String(r.last_seen_at), occurrences: Number(r.occurrences),
  };
}

/** Site scans with their fingerprints attached, in the order of `scanRows`. */
export function withFingerprints(scanRows: readonly Row[], findingRows: readonly Row[]): SiteScan[] {
  const key = (r: Row): string => `${String(r.run_id)}\n${String(r.site)}\n${String(r.consent)}`;
  const scans = new Map(scanRows.map((r) => [key(r), scanFromRow(r)]));
  for (const row of findingRows) scans.get(key(row))?.fingerprints.push(fingerprintFromRow(row));
  return [...scans.values()];
}
