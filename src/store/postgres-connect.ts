import { UsageError } from '../config/errors.js';
import { redactUrlPassword } from '../shared/redact-url.js';

/** Whether `--store` names a PostgreSQL server rather than an SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** `host:port` the URL points at (pg's own defaults and `PGHOST`/`PGPORT` when it names none). */
export function serverOf(url: string): string {
  let host = '';
  let port = '';
  try {
    const parsed = new URL(url);
    host = decodeURIComponent(parsed.hostname);
    port = parsed.port;
  } catch {
    // pg rejects the URL itself; the message then names the URL only
  }
  return `${host || process.env.PGHOST || 'localhost'}:${port || process.env.PGPORT || '5432'}`;
}

type PgError = Error & { code?: string; errors?: Array<{ code?: string }> };

/** SQLSTATE and socket codes a user can act on, in words. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens there',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'the server closed the connection',
  '28P01': 'password authentication failed',
  '28000': 'the server refuses this user or host (pg_hba.conf)',
  '3D000': 'the database does not exist',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'too many connections',
  '42501': 'permission denied',
};

/** Why `pg` failed, in words (SQLSTATE or socket code when known), the URL's password hidden. */
export function pgFailureReason(error: PgError): string {
  const code = error.code ?? error.errors?.find((e) => e.code)?.code;
  if (code && REASONS[code]) return REASONS[code];
  if (/timeout/i.test(error.message)) return 'timed out';
  if (/password must be a string/i.test(error.message)) return 'the server wants a password: set PGPASSWORD or put it in the URL';
  return redactUrlPassword(error.message.split('\n')[0] ?? 'unknown error');
}

/** Whether an error from `pg` says the database itself is missing (read commands: no store there). */
export const isMissingDatabase = (error: unknown): boolean => (error as PgError)?.code === '3D000';

/**
 * A failure to reach or use the server as one line (exit 2): the redacted URL, host and port,
 * and the reason, never a stack. Errors that are already a UsageError pass through.
 */
export function connectionError(url: string, error: unknown): UsageError {
  if (error instanceof UsageError) return error;
  const location = redactUrlPassword(url);
  return new UsageError(
    `--store ${location}: cannot use the PostgreSQL store at ${serverOf(url)} (${pgFailureReason(error as PgError)})`,
    'check that the server runs and accepts this user; the password comes from PGPASSWORD or the URL',
  );
}

/** The read commands' error for a server without pixel-audit's tables. */
export function noStoreError(url: string): UsageError {
  return new UsageError(`--store ${redactUrlPassword(url)}: no pixel-audit store at ${serverOf(url)}`,
    'a scan with --store creates the tables; check the database name');
}
