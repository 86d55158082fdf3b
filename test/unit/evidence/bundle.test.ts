import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { BUNDLE_FILES, readEvidence, siteSlug, writeJson } from '../../../src/evidence/bundle.js';
import { buildEvidence } from '../../helpers/evidence-builder.js';

describe('siteSlug', () => {
  it.each([
    ['https://www.example.se/', 'www.example.se'],
    ['https://WWW.Example.SE', 'www.example.se'],
    ['https://www.example.se:8443/', 'www.example.se-8443'],
    ['https://www.example.se/forsakring/offert/', 'www.example.se-forsakring-offert'],
    ['https://www.example.se/sv_SE/Kontakt.html?x=1', 'www.example.se-sv-se-kontakt-html'],
    ['http://127.0.0.1:8080/a', '127.0.0.1-8080-a'],
  ])('%s → %s', (url, slug) => {
    expect(siteSlug(new URL(url))).toBe(slug);
  });

  it('makes IPv6 literals file-name safe', () => {
    const slug = siteSlug(new URL('https://[::1]:8443/'));
    expect(slug).toMatch(/^[a-z0-9.-]+$/);
    expect(slug).toMatch(/1.*8443$/);
  });

  it('keeps at most 40 characters of the path', () => {
    const slug = siteSlug(new URL(`https://shop.example.de/${'abcdefghij/'.repeat(8)}`));
    expect(slug.startsWith('shop.example.de-')).toBe(true);
    expect(slug.length).toBeLessThanOrEqual('shop.example.de-'.length + 40);
    expect(slug).toMatch(/^[a-z0-9.-]+$/);
  });
});

describe('readEvidence', () => {
  it('reads back what writeJson wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-evidence-'));
    const evidence = buildEvidence();
    await writeJson(join(dir, BUNDLE_FILES.evidence), evidence);
    expect(await readEvidence(dir)).toEqual(evidence);
    expect((await readFile(join(dir, BUNDLE_FILES.evidence), 'utf8')).endsWith('}\n')).toBe(true);
  });

  it('turns a truncated file into a UsageError naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-evidence-'));
    const file = join(dir, 'evidence.json');
    await writeFile(file, JSON.stringify(buildEvidence()).slice(0, 200));
    const error = await readEvidence(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read evidence \\(.+\\)$`));
  });

  it('turns a missing file into a UsageError naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-evidence-'));
    await expect(readEvidence(dir)).rejects.toThrow(`${join(dir, 'evidence.json')}: cannot read evidence (ENOENT`);
  });

  it('names the file, field and value of a schema violation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-evidence-'));
    const evidence = buildEvidence();
    await writeJson(join(dir, 'evidence.json'), { ...evidence, submitMode: 'sometimes' });
    const error = (await readEvidence(dir).catch((e: unknown) => e)) as UsageError;
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/evidence\.json: submitMode: .* \(got "sometimes"\)$/);
    expect(error.message.startsWith(join(dir, 'evidence.json'))).toBe(true);
  });
});
