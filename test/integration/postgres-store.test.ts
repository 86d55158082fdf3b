import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/config/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/store/migrations.js';
import { copyStore } from '../../src/store/copy-store.js';
import { diffRuns } from '../../src/store/diff.js';
import { openStore } from '../../src/store/open-store.js';
import { incidentPeriods } from '../../src/store/periods.js';
import { recordSiteReport } from '../../src/store/record.js';
import type { FingerprintRecord, SiteScanRecord, Store } from '../../src/store/types.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { storeContract } from '../helpers/store-contract.js';
import { night, nightly, runOf, SITE } from '../helpers/store-fixtures.js';
import { snapshotStore } from '../helpers/store-snapshot.js';

/** One throw-away cluster for the file, a fresh database per test. */
let server: TestPostgres;
let databases = 0;
const freshDatabase = (): Promise<string> => server.createDatabase(`store_${++databases}`);

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const scanOf = (runId: string, site: string, over: Partial<SiteScanRecord> = {}): SiteScanRecord => ({
  runId, site, consent: 'none', input: `${site}/`, status: 'ok', startedAt: night(1), endedAt: night(1, 5), findingCount: 0, ...over,
});
const fingerprintsOf = (prefix: string, n: number): FingerprintRecord[] => Array.from({ length: n }, (_, i) => ({
  fingerprint: `${prefix}-${i}`, tracker: 'meta-pixel', dataCategory: 'email', parameter: `query.ud[${i}]`, transform: ['sha256', 'hex'],
  severity: 'high', recipientHost: 'www.facebook.com', firstSeenAt: night(1, 2), lastSeenAt: night(1, 3), occurrences: 1,
}));

describe.skipIf(!postgresAvailable())('PostgreSQL store (a real server)', () => {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  describe('the store contract', () => {
    storeContract(async () => openStore(await freshDatabase()));
  });

  describe('schema and connection', () => {
    it('applies every migration once, even when several workers open a new database at the same moment', async () => {
      const url = await freshDatabase();
      const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(url)));
      await Promise.all(stores.map((s) => s.close()));
      await (await openStore(url)).close();
      const applied = await query<{ version: number; applied_at: string }>(url, 'SELECT version, applied_at FROM schema_migrations ORDER BY version');
      expect(applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(applied[0]!.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('refuses a store written by a newer version', async () => {
      const url = await freshDatabase();
      await (await openStore(url)).close();
      await query(url, 'INSERT INTO schema_migrations VALUES ($1, $2, $3)', [LATEST_SCHEMA_VERSION + 1, 'future', night(1)]);
      await expect(openStore(url)).rejects.toThrow(/schema version .* newer than this pixel-audit knows/);
    });

    it('for reading, requires the schema: an empty or missing database is "no pixel-audit store"', async () => {
      const empty = await freshDatabase();
      await expect(openStore(empty, { mustExist: true })).rejects.toThrow(/no pixel-audit store at 127\.0\.0\.1:\d+/);
      expect(await query(empty, "SELECT to_regclass('schema_migrations') AS t")).toEqual([{ t: null }]); // nothing created
      const missing = server.url.replace(/\/postgres$/, '/no_such_db');
      await expect(openStore(missing, { mustExist: true })).rejects.toThrow(/no pixel-audit store/);
      await expect(openStore(missing)).rejects.toThrow(/cannot use the PostgreSQL store at 127\.0\.0\.1:\d+ \(the database does not exist\)/);
    });

    it('lets a read-only role read (history, diff) without trying to create anything', async () => {
      const url = await freshDatabase();
      const writer = await openStore(url);
      await writer.beginRun({ runId: 'r', startedAt: night(1), toolVersion: '0.1.0' });
      await writer.recordSiteScan(scanOf('r', SITE, { findingCount: 2 }), fingerprintsOf('em', 2));
      await writer.close();
      await query(url, `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') THEN CREATE ROLE reader LOGIN; END IF; END $$`);
      await query(url, 'REVOKE CREATE ON SCHEMA public FROM PUBLIC');
      await query(url, 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader');
      const readerUrl = url.replace('postgres@', 'reader@');
      const reader = await openStore(readerUrl, { mustExist: true });
      try {
        expect((await reader.siteScans(SITE))[0]!.fingerprints).toHaveLength(2);
        await expect(reader.beginRun({ runId: 'x', startedAt: night(2), toolVersion: '0.1.0' })).rejects.toThrow(/permission denied/);
      } finally {
        await reader.close();
      }
    });

    it('shows its location without the password, and a refused connection as one line', async () => {
      const url = (await freshDatabase()).replace('postgres@', 'postgres:hunter2@'); // trust auth ignores it
      const store = await openStore(url.replace(/^postgres:/, 'postgresql:'));
      expect(store.location).toBe(url.replace(/^postgres:/, 'postgresql:').replace('hunter2', '***'));
      await store.close();
      await store.close(); // closing twice is harmless
      const error = await openStore(`postgres://u:hunter2@127.0.0.1:${await closedPort()}/x`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/^--store postgres:\/\/u:\*\*\*@127\.0\.0\.1:\d+\/x: cannot use the PostgreSQL store at 127\.0\.0\.1:\d+ \(connection refused/);
      expect((error as Error).message).not.toMatch(/hunter2|\n/);
    });

    it('returns sites and runs in the same byte order as SQLite under a language collation', async () => {
      const name = `store_icu_${++databases}`;
      await query(server.url, `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`);
      const url = server.url.replace(/\/postgres$/, `/${name}`);
      // Under en-US, ORDER BY alone puts a-b between ab and b, and lower case before upper.
      expect((await query<{ s: string }>(url, "SELECT s FROM (VALUES ('b'), ('a-b'), ('B'), ('ab')) v(s) ORDER BY s")).map((r) => r.s)).not.toEqual(['B', 'a-b', 'ab', 'b']);
      const store = await openStore(url);
      try {
        await store.beginRun({ runId: 'r', startedAt: night(1), toolVersion: '0.1.0' });
        for (const site of ['b', 'a-b', 'B', 'ab']) await store.recordSiteScan(scanOf('r', `https://${site}.example`), []);
        expect(await store.sites()).toEqual(['https://B.example', 'https://a-b.example', 'https://ab.example', 'https://b.example']);
        expect((await store.runScans('r')).map((s) => s.site)).toEqual(await store.sites());
      } finally {
        await store.close();
      }
    });
  });

  describe('the same answers as SQLite', () => {
    it('holds a copied SQLite history exactly, and computes the same periods and diffs from it', async () => {
      const sqlite = await openStore(':memory:');
      const postgres = await openStore(await freshDatabase());
      try {
        const nights: Array<[number, 'ok' | 'partial' | 'failed', string[]]> = [[1, 'ok', []], [2, 'ok', ['em', 'ph']], [3, 'failed', []], [4, 'partial', ['ph']], [5, 'ok', []]];
        for (const [d, status, fps] of nights) {
          await sqlite.beginRun({ runId: runOf(d), startedAt: night(d), toolVersion: '0.1.0' });
          await recordSiteReport(sqlite, runOf(d), nightly(d, status, fps));
          await recordSiteReport(sqlite, runOf(d), nightly(d, 'ok', d % 2 ? ['fn'] : [], 'https://Other.example'));
          await sqlite.endRun(runOf(d), night(d, 9), fps.length ? 1 : 0);
        }
        expect(await copyStore(sqlite, postgres)).toEqual({ runs: 5, siteScans: 10, fingerprints: 6 });
        expect(await snapshotStore(postgres)).toEqual(await snapshotStore(sqlite));
        for (const site of [SITE, 'https://Other.example']) expect(await incidentPeriods(postgres, site)).toEqual(await incidentPeriods(sqlite, site));
        for (const [a, b] of [[1, 2], [2, 4], [4, 5], [1, 5]] as const) {
          expect(await diffRuns(postgres, runOf(a), runOf(b))).toEqual(await diffRuns(sqlite, runOf(a), runOf(b)));
        }
      } finally {
        await Promise.all([sqlite.close(), postgres.close()]);
      }
    });
  });

  describe('several workers writing one run at once', () => {
    it('loses nothing: every worker begins the same run, records its own sites, and one ends it', async () => {
      const url = await freshDatabase();
      const workers = 5;
      const sitesPerWorker = 12;
      const stores: Store[] = await Promise.all(Array.from({ length: workers }, () => openStore(url)));
      try {
        await Promise.all(stores.map(async (store, w) => {
          await store.beginRun({ runId: 'fleet', startedAt: night(1, w), runDir: `/runs/fleet`, toolVersion: '0.1.0' });
          await Promise.all(Array.from({ length: sitesPerWorker }, (_, i) => {
            const site = `https://w${w}-s${i}.example`;
            return store.recordSiteScan(scanOf('fleet', site, { findingCount: i % 4 }), fingerprintsOf(site, i % 4));
          }));
        }));
        await stores[workers - 1]!.endRun('fleet', night(1, 30), 1);
        const reader = stores[0]!;
        const scans = await reader.runScans('fleet');
        expect(scans).toHaveLength(workers * sitesPerWorker);
        for (const scan of scans) {
          expect(scan.fingerprints.map((f) => f.fingerprint).sort()).toEqual(fingerprintsOf(scan.site, scan.findingCount).map((f) => f.fingerprint).sort());
        }
        expect(await reader.runs()).toHaveLength(1);
        expect(await reader.run('fleet')).toMatchObject({ endedAt: night(1, 30), exitCode: 1 });
        expect(await query(url, 'SELECT COUNT(*)::int AS n FROM findings')).toEqual([{ n: workers * [0, 1, 2, 3].reduce((n, k) => n + k * (sitesPerWorker / 4), 0) }]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('two workers recording the same site (a retried lease) leave one whole scan, never a mix', async () => {
      const url = await freshDatabase();
      const [a, b] = await Promise.all([openStore(url), openStore(url)]);
      try {
        await a!.beginRun({ runId: 'r', startedAt: night(1), toolVersion: '0.1.0' });
        for (let round = 0; round < 10; round++) {
          await Promise.all([
            a!.recordSiteScan(scanOf('r', 'https://x.example', { findingCount: 30 }), fingerprintsOf('a', 30)),
            b!.recordSiteScan(scanOf('r', 'https://x.example', { findingCount: 20 }), fingerprintsOf('b', 20)),
          ]);
          const [scan] = await a!.siteScans('https://x.example');
          const owners = new Set(scan!.fingerprints.map((f) => f.fingerprint.split('-')[0]));
          expect(owners.size).toBe(1);
          expect(scan!.fingerprints).toHaveLength(scan!.findingCount);
        }
      } finally {
        await Promise.all([a!.close(), b!.close()]);
      }
    });
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}
