import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempOut } from '../helpers/fixture-scan.js';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('reports, signature and verify, as a user runs them', () => {
  let out: string;
  let runDir: string;
  let bundle: string;
  let keys: { dir: string; fingerprint: string };
  let demo: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    out = await tempOut();
    const pair = generateKeyPairSync('ed25519');
    await writeFile(join(out, 'key.pem'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(out, 'key.pub.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }));
    await writeFile(join(out, 'other.pub.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    await writeFile(join(out, 'rsa.pem'), generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { createHash } = await import('node:crypto');
    keys = { dir: out, fingerprint: `SHA256:${createHash('sha256').update(pair.publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}` };
    demo = await cli(['demo', '--out', join(out, 'runs'), '--sign-key', join(out, 'key.pem'), '--lang', 'nb']);
    const [runId] = await readdir(join(out, 'runs'));
    runDir = join(out, 'runs', runId!);
    bundle = join(runDir, 'sites', 'www.tryggbo-forsakring.test');
  });

  it('demo writes the reports, the run index and junit.xml, and signs each manifest', async () => {
    expect(demo.code).toBe(1);
    for (const file of ['report.html', 'notification.json', 'notification.md', 'control-report.md', 'manifest.json', 'manifest.sig']) {
      expect((await readdir(bundle)), file).toContain(file);
    }
    expect(await readdir(runDir)).toEqual(expect.arrayContaining(['index.html', 'junit.xml', 'run.json']));
    expect(await readFile(join(bundle, 'notification.md'), 'utf8')).toContain('Brudd på personopplysningssikkerheten');
  });

  it('verify says which key signed, and checks it against --public-key', async () => {
    const plain = await cli(['verify', runDir]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`signature valid, key ${keys.fingerprint}`);
    const trusted = await cli(['verify', bundle, '--public-key', join(keys.dir, 'key.pub.pem')]);
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain(`signed by key ${keys.fingerprint}, the --public-key key`);
    const other = await cli(['verify', bundle, '--public-key', join(keys.dir, 'other.pub.pem')]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain(`FAILED: ${bundle}: signed by key ${keys.fingerprint}, not by the --public-key key SHA256:`);
  });

  it('report regenerates the reports in another language, rewrites and re-signs the manifest', async () => {
    const result = await cli(['report', bundle, '--lang', 'sv', '--sign-key', join(keys.dir, 'key.pem')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`manifest.json rewritten; signed by key ${keys.fingerprint}`);
    expect(await readFile(join(bundle, 'notification.md'), 'utf8')).toContain('Personuppgiftsincident');
    expect(await readFile(join(bundle, 'control-report.md'), 'utf8')).toContain('Kontrollrapport');
    expect(JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8')).reportsRegeneratedAt).toMatch(/Z$/);
    expect((await cli(['verify', bundle, '--public-key', join(keys.dir, 'key.pub.pem')])).code).toBe(0);
    const elsewhere = await cli(['report', bundle, '--lang', 'en', '--out', join(keys.dir, 'en')]);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stdout).toContain('bundle untouched');
    expect(await readFile(join(keys.dir, 'en', 'notification.md'), 'utf8')).toContain('to be completed by the controller');
  });

  it('one altered byte of the signed manifest fails verify, naming the signing key', async () => {
    const file = join(bundle, 'manifest.json');
    const original = await readFile(file);
    const bytes = Buffer.from(original);
    const at = bytes.indexOf('"site"') + 1;
    bytes[at] = bytes[at] === 0x73 ? 0x53 : 0x73;
    await writeFile(file, bytes);
    const bad = await cli(['verify', bundle]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`FAILED: ${bundle}: signature does not match manifest.json: the manifest was altered after signing (signed by key ${keys.fingerprint})`);
    await writeFile(file, original);
    expect((await cli(['verify', bundle])).code).toBe(0);
  });

  it('report refuses to write over altered evidence; bad flags are one line, exit 2', async () => {
    const evidence = join(bundle, 'evidence.json');
    const bytes = await readFile(evidence);
    bytes[20] = bytes[20] === 0x20 ? 0x21 : 0x20;
    await writeFile(evidence, bytes);
    const refused = await cli(['report', bundle]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('altered: evidence.json');
    const lang = await cli(['report', bundle, '--lang', 'de']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toMatch(/--lang: expected one of en, sv, nb \(got "de"\)/);
    const rsa = await cli(['scan', 'https://www.example.se/', '--sign-key', join(keys.dir, 'rsa.pem')]);
    expect(rsa.code).toBe(2);
    expect(rsa.stderr).toMatch(/--sign-key .*rsa\.pem: expected an Ed25519 key \(got rsa\)/);
    const controller = join(keys.dir, 'controller.json');
    await writeFile(controller, JSON.stringify({ organisation: { name: 'X', country: 'Sweden' } }));
    const badController = await cli(['scan', 'https://www.example.se/', '--controller', controller]);
    expect(badController.code).toBe(2);
    expect(badController.stderr).toMatch(/--controller .*controller\.json: organisation\.country: .* \(got "Sweden"\)/);
  });
});
