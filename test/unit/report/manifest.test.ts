import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeJson } from '../../../src/evidence/bundle.js';
import {
  buildManifest, listBundleFiles, MANIFEST_NAME, MANIFEST_SCHEMA_VERSION, redactOptions, sha256File, type ManifestContext,
} from '../../../src/report/manifest.js';
import { verifyBundle } from '../../../src/report/verify.js';
import { sha256 } from '../../helpers/evidence-builder.js';

const context: ManifestContext = {
  tool: { name: 'pixel-audit', version: '0.1.0', commit: null },
  node: 'v20.20.2',
  playwright: '1.65.1',
  chromium: { version: '141.0.7390.37', path: '/usr/bin/chromium', source: 'system' },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  options: { failOn: 'low' },
  rulesDigest: 'a'.repeat(64),
  startedAt: '2026-03-01T10:00:00.000Z',
  endedAt: '2026-03-01T10:01:00.000Z',
  inspectors: [],
};

const FILES: Record<string, string> = {
  'evidence.json': '{"schemaVersion":1}\n',
  'requests.har': '{"log":{"entries":[]}}\n',
  'findings.json': '{"findings":[]}\n',
  'screenshots/f1-filled.png': '\x89PNG fake image bytes',
  'screenshots/page-0.png': '',
};

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pixel-audit-bundle-'));
  await mkdir(join(dir, 'screenshots'));
  for (const [path, text] of Object.entries(FILES)) await writeFile(join(dir, path), text);
  await writeJson(join(dir, MANIFEST_NAME), await buildManifest(dir, 'https://www.example.se', context));
});

describe('buildManifest', () => {
  it('lists every file but itself, sorted, with `/` paths, sizes and SHA-256', async () => {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8'));
    expect(manifest).toMatchObject({ schemaVersion: MANIFEST_SCHEMA_VERSION, site: 'https://www.example.se', ...context });
    expect(manifest.files).toEqual(
      Object.keys(FILES).sort().map((path) => ({ path, sha256: sha256(FILES[path]!), size: Buffer.byteLength(FILES[path]!) })),
    );
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'evidence.json', 'findings.json', 'requests.har', 'screenshots/f1-filled.png', 'screenshots/page-0.png',
    ]);
  });

  it('hashes a file as sha256sum does', async () => {
    expect(await sha256File(join(dir, 'screenshots', 'page-0.png'))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await listBundleFiles(dir)).not.toContain(MANIFEST_NAME);
  });
});

describe('verifyBundle', () => {
  it('accepts an untouched bundle', async () => {
    expect(await verifyBundle(dir)).toEqual({ ok: true, problems: [], checked: 5 });
  });

  it('reports a file altered by one byte, even at the same size', async () => {
    const text = FILES['evidence.json']!;
    await writeFile(join(dir, 'evidence.json'), text.replace('1', '2'));
    expect(await verifyBundle(dir)).toEqual({ ok: false, problems: ['altered: evidence.json'], checked: 5 });
  });

  it('reports a grown file in a subfolder', async () => {
    await appendFile(join(dir, 'screenshots', 'f1-filled.png'), 'x');
    expect((await verifyBundle(dir)).problems).toEqual(['altered: screenshots/f1-filled.png']);
  });

  it('reports a deleted file', async () => {
    await rm(join(dir, 'requests.har'));
    expect(await verifyBundle(dir)).toEqual({ ok: false, problems: ['missing: requests.har'], checked: 5 });
  });

  it('reports a file the manifest does not list', async () => {
    await writeFile(join(dir, 'screenshots', 'added-later.png'), 'x');
    expect(await verifyBundle(dir)).toEqual({ ok: false, problems: ['not in manifest: screenshots/added-later.png'], checked: 5 });
  });

  it('reports every problem at once', async () => {
    await writeFile(join(dir, 'findings.json'), '{"findings":[{}]}\n');
    await rm(join(dir, 'screenshots', 'page-0.png'));
    await writeFile(join(dir, 'notes.txt'), 'x');
    expect((await verifyBundle(dir)).problems).toEqual(['altered: findings.json', 'missing: screenshots/page-0.png', 'not in manifest: notes.txt']);
  });

  it('refuses manifest paths that leave the bundle, without reading them', async () => {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8'));
    manifest.files.push({ path: '../outside.txt', sha256: '0'.repeat(64), size: 1 }, { path: '/etc/hostname', sha256: '0'.repeat(64), size: 1 });
    await writeFile(join(dir, MANIFEST_NAME), JSON.stringify(manifest));
    expect((await verifyBundle(dir)).problems).toEqual(['unsafe path in manifest: "../outside.txt"', 'unsafe path in manifest: "/etc/hostname"']);
  });

  it('fails with one line when there is no manifest', async () => {
    await rm(join(dir, MANIFEST_NAME));
    const result = await verifyBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(0);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(new RegExp(`^no readable manifest\\.json in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
  });
});

describe('redactOptions', () => {
  it('redacts secret-looking keys and drops undefined values', () => {
    expect(redactOptions({
      urls: ['https://www.example.se/'], seed: 'abc', failOn: 'low', webhookToken: 's3cr3t', apiKey: 'k', proxyPassword: 'p',
      authHeader: 'Bearer x', clientSecret: 'c', personaFile: undefined, maxPages: 10, ignoreHttpsErrors: false,
    })).toEqual({
      urls: ['https://www.example.se/'], seed: 'abc', failOn: 'low', webhookToken: '[redacted]', apiKey: '[redacted]',
      proxyPassword: '[redacted]', authHeader: '[redacted]', clientSecret: '[redacted]', maxPages: 10, ignoreHttpsErrors: false,
    });
  });

  it('keeps the ordinary scan options as they are', () => {
    const options = { out: 'out', consent: 'reject', submit: 'intercept', inspectors: ['A'], caseRef: 'IMY-1', hostResolverRules: 'MAP * 127.0.0.1' };
    expect(redactOptions(options)).toEqual(options);
  });
});
