import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_FILE_NAME, configFileSchema, loadConfigFile, parseConfigFile } from '../../../src/config/config-file.js';
import { UsageError } from '../../../src/config/errors.js';
import { scanOptionsSchema } from '../../../src/config/options.js';
import { DEFAULT_STORE } from '../../../src/store/open-store.js';
import { usageError } from '../../helpers/usage-error.js';

// The CLI layer is tested up to the library call: `scan` records the options it was given.
const scanCalls = vi.hoisted(() => [] as unknown[]);
vi.mock('../../../src/api/scan.js', () => ({
  scan: async (options: unknown) => {
    scanCalls.push(options);
    return { summary: { sites: [], exitCode: 0 }, reports: [], findings: [] };
  },
}));
const { main } = await import('../../../src/cli/main.js');

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pixel-audit-config-'));
}

async function writeConfig(dir: string, content: unknown, name = CONFIG_FILE_NAME): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}


describe('pixel-audit.config.json', () => {
  it('takes every scan option but urls, plus targets and $schema, all optional and without defaults', () => {
    const optionKeys = Object.keys(scanOptionsSchema.shape).filter((k) => k !== 'urls');
    expect(Object.keys(configFileSchema.shape).sort()).toEqual(['$schema', 'targets', ...optionKeys].sort());
    // No defaults filled in: a key the file leaves out must not override a flag's default.
    expect(configFileSchema.parse({})).toEqual({});
  });

  it('parses typed values and resolves relative paths against the file\'s folder', () => {
    const values = parseConfigFile({
      $schema: './node_modules/pixel-audit/schema/config.schema.json',
      targets: 'targets.txt', out: '/abs/out', maxPages: 3, failOn: 'high', inspectors: ['A. Andersson'],
      personaFile: '../persona.json', store: 'postgres://db.example/audits', ignoreHttpsErrors: true,
    }, '/etc/audit/pixel-audit.config.json');
    expect(values).toEqual({
      $schema: './node_modules/pixel-audit/schema/config.schema.json',
      targets: '/etc/audit/targets.txt', out: '/abs/out', maxPages: 3, failOn: 'high', inspectors: ['A. Andersson'],
      personaFile: '/etc/persona.json', store: 'postgres://db.example/audits', ignoreHttpsErrors: true,
    });
  });

  it('refuses an unknown key, naming the file and the key', () => {
    const error = usageError(() => parseConfigFile({ maxPage: 3, failOn: 'low' }, 'ci/pixel-audit.config.json'));
    expect(error.message).toBe('ci/pixel-audit.config.json: unknown key "maxPage"');
    expect(error.hint).toMatch(/maxPages/);
  });

  it('refuses urls: the targets of a run are given on the command line or in a targets file', () => {
    expect(usageError(() => parseConfigFile({ urls: ['https://a.example/'] }, 'c.json')).message).toBe('c.json: unknown key "urls"');
  });

  it('refuses a wrong value, naming the file, the key and the value', () => {
    expect(usageError(() => parseConfigFile({ maxPages: 0 }, 'c.json')).message).toMatch(/^c\.json: maxPages: .+ \(got 0\)$/);
    expect(usageError(() => parseConfigFile({ failOn: 'severe' }, 'c.json')).message).toMatch(/^c\.json: failOn: .+ \(got "severe"\)$/);
    expect(usageError(() => parseConfigFile({ maxPages: '3' }, 'c.json')).message).toMatch(/^c\.json: maxPages: .+ \(got "3"\)$/);
    expect(usageError(() => parseConfigFile([1, 2], 'c.json')).message).toMatch(/^c\.json: \(top level\): /);
  });

  it('is read from --config, else from the working directory when there is one, else not at all', async () => {
    const dir = await tempDir();
    expect(await loadConfigFile(undefined, dir)).toBeUndefined();
    await writeConfig(dir, { depth: 1 });
    expect(await loadConfigFile(undefined, dir)).toEqual({ path: join(dir, CONFIG_FILE_NAME), values: { depth: 1 } });
    const other = await writeConfig(dir, { depth: 0 }, 'other.json');
    expect((await loadConfigFile(other, dir))?.values).toEqual({ depth: 0 });
  });

  it('says in one line when --config names no file or a file that is not JSON', async () => {
    const dir = await tempDir();
    await expect(loadConfigFile(join(dir, 'none.json'))).rejects.toThrow(new UsageError(`--config ${join(dir, 'none.json')}: no such file`));
    const bad = await writeConfig(dir, '{ "depth": 1, }', 'bad.json');
    await expect(loadConfigFile(bad)).rejects.toThrow(/^.*bad\.json: not valid JSON \(/);
  });
});

describe('scan --config: flags over the config file over defaults', () => {
  let stderr: string;
  beforeEach(() => {
    scanCalls.length = 0;
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  async function scanWith(config: unknown, ...args: string[]): Promise<Record<string, unknown>> {
    const path = await writeConfig(await tempDir(), config);
    const code = await main(['node', 'pixel-audit', 'scan', '--json', '--config', path, ...args]);
    expect(code, stderr).toBe(0);
    expect(scanCalls).toHaveLength(1);
    return scanCalls[0] as Record<string, unknown>;
  }

  it('uses the file\'s values where no flag is given, even where the flag has a default', async () => {
    const options = await scanWith({ maxPages: 3, failOn: 'high', consent: 'reject', store: false, out: '/tmp/pa-out' }, 'https://a.example/');
    expect(options).toMatchObject({ urls: ['https://a.example/'], maxPages: 3, failOn: 'high', consent: 'reject', out: '/tmp/pa-out', depth: 2 });
    expect(options.store).toBeUndefined();
  });

  it('lets a flag given on the command line win over the file, also when it equals the default', async () => {
    const options = await scanWith({ maxPages: 3, failOn: 'high', depth: 0 }, 'https://a.example/', '--max-pages', '7', '--fail-on', 'low');
    expect(options).toMatchObject({ maxPages: 7, failOn: 'low', depth: 0 });
  });

  it('keeps the command line\'s default store when the file says nothing, and --no-store wins over the file\'s', async () => {
    expect((await scanWith({}, 'https://a.example/')).store).toBe(DEFAULT_STORE);
    scanCalls.length = 0;
    expect((await scanWith({ store: '/tmp/pa.db' }, 'https://a.example/', '--no-store')).store).toBeUndefined();
  });

  it('reads the file\'s targets when no --targets is given, added to the URLs', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'targets.txt'), '# nightly\nhttps://b.example/\n');
    const path = await writeConfig(dir, { targets: 'targets.txt' });
    expect(await main(['node', 'pixel-audit', 'scan', '--json', '--config', path, 'https://a.example/'])).toBe(0);
    expect((scanCalls[0] as { urls: string[] }).urls).toEqual(['https://a.example/', 'https://b.example/']);
  });

  it('stops with exit 2 and one line naming file and key on a bad config, before any scan', async () => {
    const path = await writeConfig(await tempDir(), { maxPage: 3 });
    expect(await main(['node', 'pixel-audit', 'scan', '--config', path, 'https://a.example/'])).toBe(2);
    expect(stderr).toContain(`pixel-audit: ${path}: unknown key "maxPage"\n`);
    expect(scanCalls).toHaveLength(0);
  });
});
