import pino, { type Logger } from 'pino';

/** Logs go to stderr (fd 2) so that stdout stays the report or `--json`. */
export function createLogger(level = process.env.PIXEL_AUDIT_LOG_LEVEL ?? 'warn'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
