import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { personaSchema } from '../../../src/persona/schema.js';
import { countryForHost, personaForSite, readPersonaFile } from '../../../src/run/persona-for.js';

describe('countryForHost', () => {
  it.each([
    ['www.example.se', 'SE'],
    ['www.example.no', 'NO'],
    ['shop.example.dk', 'DK'],
    ['www.example.fi', 'FI'],
    ['www.example.de', 'DE'],
    ['www.example.co.uk', 'GB'],
    ['www.example.us', 'US'],
    ['www.example.com', 'SE'],
    ['www.example.fr', 'SE'],
    ['localhost', 'SE'],
    ['127.0.0.1', 'SE'],
  ])('%s → %s', (host, country) => {
    expect(countryForHost(host)).toBe(country);
  });
});

describe('personaForSite', () => {
  it('is deterministic for one run seed and host', () => {
    expect(personaForSite('seed-1', 'www.example.se')).toEqual(personaForSite('seed-1', 'www.example.se'));
  });

  it('gives each host and each run its own e-mail address', () => {
    const a = personaForSite('seed-1', 'www.example.se');
    const b = personaForSite('seed-1', 'www.other.se');
    const c = personaForSite('seed-2', 'www.example.se');
    expect(new Set([a.email, b.email, c.email]).size).toBe(3);
  });

  it('records the seed and takes the country from the host', () => {
    const persona = personaForSite('run-7', 'www.example.no');
    expect(persona.seed).toBe('run-7:www.example.no');
    expect(persona.country).toBe('NO');
    expect(() => personaSchema.parse(persona)).not.toThrow();
  });
});

describe('readPersonaFile', () => {
  it('reads a valid persona file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-persona-'));
    const file = join(dir, 'persona.json');
    const persona = personaForSite('file', 'www.example.se');
    await writeFile(file, JSON.stringify(persona));
    expect(await readPersonaFile(file)).toEqual(persona);
  });

  it('names --persona and the path for a file that is missing or not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-persona-'));
    const missing = join(dir, 'missing.json');
    await expect(readPersonaFile(missing)).rejects.toThrow(new RegExp(`^--persona ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read JSON \\(ENOENT`));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "email": ');
    const error = await readPersonaFile(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/^--persona .*broken\.json: cannot read JSON \(.+\)$/);
  });

  it('names the file, field and value of a wrong field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-persona-'));
    const file = join(dir, 'persona.json');
    await writeFile(file, JSON.stringify({ ...personaForSite('file', 'www.example.se'), country: 'Sweden' }));
    const error = await readPersonaFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`${file}: country: a two-letter upper-case country code such as SE (got "Sweden")`);
  });
});
