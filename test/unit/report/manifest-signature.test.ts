import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeJson } from '../../../src/evidence/bundle.js';
import { buildManifest, listBundleFiles, MANIFEST_NAME, SIGNATURE_NAME } from '../../../src/report/manifest.js';
import { keyFingerprint, loadPublicKey, loadSigningKey, signManifest, verifySignature } from '../../../src/report/sign.js';
import { verifyBundle } from '../../../src/report/verify.js';
import { CONTEXT } from './report-fixture.js';

const keys = () => generateKeyPairSync('ed25519');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pixel-audit-sign-'));
  await writeFile(join(dir, 'evidence.json'), '{"schemaVersion":1}\n');
  await writeJson(join(dir, MANIFEST_NAME), await buildManifest(dir, 'https://www.example.se', CONTEXT));
});

describe('manifest signature (manifest.sig)', () => {
  it('signs the exact manifest bytes; verify names the key, and the digest check ignores the signature file', async () => {
    const { privateKey, publicKey } = keys();
    const sig = await signManifest(dir, privateKey);
    expect(sig.publicKeyFingerprint).toBe(keyFingerprint(publicKey));
    expect(sig.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(await listBundleFiles(dir)).not.toContain(SIGNATURE_NAME);
    expect((await verifyBundle(dir)).ok).toBe(true);
    expect(await verifySignature(dir)).toEqual({ signed: true, ok: true, fingerprint: sig.publicKeyFingerprint, trusted: false });
    expect(await verifySignature(dir, publicKey)).toMatchObject({ ok: true, trusted: true });
  });

  it('fails when one byte of the manifest changes, saying which key had signed', async () => {
    const { privateKey } = keys();
    const sig = await signManifest(dir, privateKey);
    const bytes = await readFile(join(dir, MANIFEST_NAME));
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    await writeFile(join(dir, MANIFEST_NAME), bytes);
    const check = await verifySignature(dir);
    expect(check.ok).toBe(false);
    expect(check.problem).toBe(`signature does not match manifest.json: the manifest was altered after signing (signed by key ${sig.publicKeyFingerprint})`);
  });

  it('fails when signed by another key than --public-key, or not signed at all', async () => {
    const { privateKey } = keys();
    const other = keys().publicKey;
    expect((await verifySignature(dir, other)).problem).toMatch(/^not signed: no manifest\.sig, but --public-key was given$/);
    await signManifest(dir, privateKey);
    expect((await verifySignature(dir, other)).problem).toBe(`signed by key ${keyFingerprint(privateKey)}, not by the --public-key key ${keyFingerprint(other)}`);
  });

  it('fails when the signature file swaps in another public key', async () => {
    const { privateKey } = keys();
    const sig = await signManifest(dir, privateKey);
    const forged = { ...sig, publicKey: keys().publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    await writeFile(join(dir, SIGNATURE_NAME), JSON.stringify(forged));
    expect((await verifySignature(dir)).problem).toMatch(/publicKeyFingerprint .* is not the fingerprint of its publicKey/);
    await writeFile(join(dir, SIGNATURE_NAME), '{"schemaVersion":1}');
    expect((await verifySignature(dir)).problem).toMatch(/^manifest\.sig: algorithm: /);
  });

  it('reads Ed25519 PEM keys and refuses other key types with one line', async () => {
    const { privateKey, publicKey } = keys();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await writeFile(join(dir, 'ed.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(dir, 'ed.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    await writeFile(join(dir, 'rsa.pem'), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(keyFingerprint(await loadSigningKey(join(dir, 'ed.pem')))).toBe(keyFingerprint(publicKey));
    expect(keyFingerprint(await loadPublicKey(join(dir, 'ed.pub.pem')))).toBe(keyFingerprint(publicKey));
    await expect(loadSigningKey(join(dir, 'rsa.pem'))).rejects.toThrow(/--sign-key .*rsa\.pem: expected an Ed25519 key \(got rsa\)/);
    await expect(loadSigningKey(join(dir, 'missing.pem'))).rejects.toThrow(/--sign-key .*missing\.pem: cannot read \(ENOENT\)/);
    await expect(loadSigningKey(join(dir, 'evidence.json'))).rejects.toThrow(/not a PEM private key/);
  });
});
