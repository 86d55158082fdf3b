import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../config/errors.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './types.js';

/** Where `scan`, `history` and `diff` look when `--store` is not given. */
export const DEFAULT_STORE = './pixel-audit.db';

/**
 * Opens the store named by `--store`: a file path is a SQLite database. `postgres://` is
 * reserved for the PostgreSQL driver (same schema and migrations), which is not built yet.
 * `mustExist` is for the read commands: `history` on a mistyped path should say so, not create
 * an empty database and report "no scans".
 */
export async function openStore(location: string, options: { mustExist?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new UsageError('--store: a PostgreSQL store is not available in this version', 'give a file path for an SQLite store');
  }
  const path = location === ':memory:' ? location : resolve(location);
  if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new UsageError(`--store ${location}: no store there`, 'a scan with --store creates it; the default is ./pixel-audit.db');
  }
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  return new SqliteStore(path, { fileMustExist: options.mustExist });
}
