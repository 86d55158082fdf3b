import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/store/migrations.js';
import { openStore } from '../../../src/store/open-store.js';
import { migrate } from '../../../src/store/sqlite-store.js';
import type { Store } from '../../../src/store/types.js';
import { storeContract } from '../../helpers/store-contract.js';
import { night } from '../../helpers/store-fixtures.js';

const tempDb = async (): Promise<string> => join(await mkdtemp(join(tmpdir(), 'pixel-audit-store-')), 'nested', 'history.db');

describe('SQLite store: the store contract', () => {
  storeContract(() => openStore(':memory:'));
});

describe('SQLite store: the file', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('creates the file and its folder, applies every migration once, and records them', async () => {
    const path = await tempDb();
    store = await openStore(path);
    await store.close();
    store = await openStore(path); // a second open must not re-apply anything
    await store.close();
    const db = new Database(path, { readonly: true });
    const applied = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as Array<{ version: number; applied_at: string }>;
    db.close();
    expect(applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(applied[0]!.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    store = undefined;
  });

  it('refuses a store written by a newer version, and a missing store for reading', async () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'future', night(1));
    expect(() => migrate(db)).toThrow(UsageError);
    db.close();
    await expect(openStore(join(tmpdir(), 'pixel-audit-no-such-dir', 'x.db'), { mustExist: true })).rejects.toThrow(/no store there/);
  });
});
