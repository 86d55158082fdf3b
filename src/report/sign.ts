import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError, UsageError } from '../config/errors.js';
import { MANIFEST_NAME, SIGNATURE_NAME } from './manifest.js';

/** Version of the `manifest.sig` layout. */
export const SIGNATURE_SCHEMA_VERSION = 1;

/**
 * `manifest.sig`: a detached Ed25519 signature over the exact bytes of `manifest.json`, with
 * the public key that makes it. A signature proves the bundle is unchanged since signing and
 * which key signed it; whether that key is trusted is for the reader (`verify --public-key`).
 */
export const signatureFileSchema = z.strictObject({
  schemaVersion: z.literal(SIGNATURE_SCHEMA_VERSION),
  algorithm: z.literal('Ed25519'),
  /** The file signed, relative to the bundle. */
  signedFile: z.literal(MANIFEST_NAME),
  /** SHA-256 of the signed bytes, lower-case hex. */
  signedSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The signature, base64 (64 bytes). */
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
  /** The signer's public key, SPKI PEM. */
  publicKey: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
  /** `SHA256:<hex>` of the public key's DER (SPKI) bytes: the short name of the key. */
  publicKeyFingerprint: z.string().regex(/^SHA256:[0-9a-f]{64}$/),
  /** UTC time of signing (the signer's clock; not a trusted timestamp). */
  signedAt: z.iso.datetime({ offset: false }),
}).meta({ title: 'pixel-audit manifest.sig', description: 'Detached Ed25519 signature over the bytes of manifest.json.' });
export type SignatureFile = z.infer<typeof signatureFileSchema>;

/** `SHA256:<hex>` of a public key's SPKI DER bytes. */
export function keyFingerprint(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return `SHA256:${createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

async function readPem(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Reads `--sign-key`: an Ed25519 private key in PEM (`openssl genpkey -algorithm ed25519`). */
export async function loadSigningKey(path: string): Promise<KeyObject> {
  const pem = await readPem(path, '--sign-key');
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new UsageError(`--sign-key ${path}: not a PEM private key (${(error as Error).message})`, 'make one with: openssl genpkey -algorithm ed25519 -out signing-key.pem');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UsageError(`--sign-key ${path}: expected an Ed25519 key (got ${key.asymmetricKeyType ?? 'unknown'})`, 'make one with: openssl genpkey -algorithm ed25519 -out signing-key.pem');
  }
  return key;
}

/** Reads `--public-key`: an Ed25519 public key in PEM (a private key's public half is taken too). */
export async function loadPublicKey(path: string): Promise<KeyObject> {
  const pem = await readPem(path, '--public-key');
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new UsageError(`--public-key ${path}: not a PEM public key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`--public-key ${path}: expected an Ed25519 key (got ${key.asymmetricKeyType ?? 'unknown'})`);
  return key;
}

/** Signs the bundle's `manifest.json` as it is on disk and writes `manifest.sig`. */
export async function signManifest(bundleDir: string, key: KeyObject, now = new Date().toISOString()): Promise<SignatureFile> {
  const bytes = await readFile(join(bundleDir, MANIFEST_NAME));
  const publicKey = createPublicKey(key);
  const file: SignatureFile = {
    schemaVersion: SIGNATURE_SCHEMA_VERSION,
    algorithm: 'Ed25519',
    signedFile: MANIFEST_NAME,
    signedSha256: createHash('sha256').update(bytes).digest('hex'),
    signature: sign(null, bytes, key).toString('base64'),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKeyFingerprint: keyFingerprint(publicKey),
    signedAt: now,
  };
  await writeFile(join(bundleDir, SIGNATURE_NAME), `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

/** Outcome of checking `manifest.sig`. */
export interface SignatureCheck {
  /** A `manifest.sig` is present. */
  signed: boolean;
  ok: boolean;
  /** Fingerprint of the key that signed. */
  fingerprint?: string;
  /** The signing key was compared with `--public-key` and is that key. */
  trusted: boolean;
  /** One line saying what is wrong. */
  problem?: string;
}

/**
 * Checks `manifest.sig` against the bytes of `manifest.json`. Without `trustedKey` a valid
 * signature proves integrity since signing by the embedded key only; with it, the key must be it.
 */
export async function verifySignature(bundleDir: string, trustedKey?: KeyObject): Promise<SignatureCheck> {
  const raw = await readFile(join(bundleDir, SIGNATURE_NAME), 'utf8').catch(() => undefined);
  if (raw === undefined) {
    return trustedKey
      ? { signed: false, ok: false, trusted: false, problem: `not signed: no ${SIGNATURE_NAME}, but --public-key was given` }
      : { signed: false, ok: true, trusted: false };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { signed: true, ok: false, trusted: false, problem: `${SIGNATURE_NAME}: not JSON (${(error as Error).message})` };
  }
  const parsed = signatureFileSchema.safeParse(json);
  if (!parsed.success) return { signed: true, ok: false, trusted: false, problem: describeZodError(parsed.error, SIGNATURE_NAME, json) };
  const sig = parsed.data;
  let key: KeyObject;
  try {
    key = createPublicKey(sig.publicKey);
  } catch (error) {
    return { signed: true, ok: false, trusted: false, problem: `${SIGNATURE_NAME}: publicKey is not a usable key (${(error as Error).message})` };
  }
  const fingerprint = keyFingerprint(key);
  const fail = (problem: string): SignatureCheck => ({ signed: true, ok: false, fingerprint, trusted: false, problem });
  if (key.asymmetricKeyType !== 'ed25519') return fail(`${SIGNATURE_NAME}: publicKey is not an Ed25519 key`);
  if (fingerprint !== sig.publicKeyFingerprint) return fail(`${SIGNATURE_NAME}: publicKeyFingerprint ${sig.publicKeyFingerprint} is not the fingerprint of its publicKey (${fingerprint})`);
  const bytes = await readFile(join(bundleDir, MANIFEST_NAME)).catch(() => undefined);
  if (!bytes) return fail(`signed, but ${MANIFEST_NAME} is missing`);
  if (!verify(null, bytes, key, Buffer.from(sig.signature, 'base64'))) {
    return fail(`signature does not match ${MANIFEST_NAME}: the manifest was altered after signing (signed by key ${fingerprint})`);
  }
  if (trustedKey) {
    const expected = keyFingerprint(trustedKey);
    if (expected !== fingerprint) return fail(`signed by key ${fingerprint}, not by the --public-key key ${expected}`);
  }
  return { signed: true, ok: true, fingerprint, trusted: !!trustedKey };
}
