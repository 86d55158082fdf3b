import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throw-away PostgreSQL cluster for tests and `bench:fleet`: `initdb` into a temporary folder, `pg_ctl start` on
 * a free loopback port, trust authentication (no password anywhere), torn down by `stop()`.
 * Never a mock: the store and the queue are tested against the real server Debian ships.
 */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** A fresh, empty database on the cluster; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Where the server binaries are: `PIXEL_AUDIT_PG_BIN`, then Debian's newest, then `PATH`. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PIXEL_AUDIT_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'pg_ctl')) ? fromEnv : undefined;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  return which.status === 0 && path ? path.replace(/\/pg_ctl$/, '') : undefined;
}

/**
 * Whether the PostgreSQL tests can run here. `.ci/run` installs the server and sets
 * `PIXEL_AUDIT_REQUIRE_PG=1`, so in CI a missing server fails the suite instead of skipping it.
 */
export function postgresAvailable(): boolean {
  const bin = findPostgresBin();
  if (!bin && process.env.PIXEL_AUDIT_REQUIRE_PG === '1') {
    throw new Error('PostgreSQL server binaries not found (apt-get install postgresql, or set PIXEL_AUDIT_PG_BIN)');
  }
  return bin !== undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function asClusterUser(bin: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [bin, args];
  return ['runuser', ['-u', 'postgres', '--', bin, ...args]];
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
  const root = mkdtempSync(join(tmpdir(), 'pixel-audit-pg-'));
  const dataDir = join(root, 'data');
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(root, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  chmodSync(root, 0o700);
  const port = await freePort();
  const [initCmd, initArgs] = asClusterUser(join(bin, 'initdb'), [
    '-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync',
  ]);
  await run(initCmd, initArgs);
  // fsync off and a small shared_buffers: a test cluster trades durability for speed and memory.
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=100`;
  const [startCmd, startArgs] = asClusterUser(join(bin, 'pg_ctl'), [
    '-D', dataDir, '-o', serverOptions, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start',
  ]);
  await run(startCmd, startArgs);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const [cmd, args] = asClusterUser(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`]);
      await run(cmd, args);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const [stopCmd, stopArgs] = asClusterUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      await run(stopCmd, stopArgs).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
