import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../config/errors.js';
import { isPostgresUrl } from './postgres-connect.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './types.js';

/** Where `scan`, `history` and `diff` look when `--store` is not given. */
export const DEFAULT_STORE = './pixel-audit.db';

/**
 * Opens the store named by `--store`: a file path is a SQLite database, a `postgres://` or
 * `postgresql://` URL a PostgreSQL one (same schema and migrations; password from the URL or
 * `PGPASSWORD`, never shown in `location`). `mustExist` is for the read commands: `history` on a
 * mistyped path or database should say so, not create an empty store and report "no scans".
 */
export async function openStore(location: string, options: { mustExist?: boolean } = {}): Promise<Store> {
  if (isPostgresUrl(location)) return PostgresStore.open(location, { mustExist: options.mustExist });
  const path = location === ':memory:' ? location : resolve(location);
  if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new UsageError(`--store ${location}: no store there`, 'a scan with --store creates it; the default is ./pixel-audit.db');
  }
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  return new SqliteStore(path, { fileMustExist: options.mustExist });
}
