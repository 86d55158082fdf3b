import { describe, expect, it } from 'vitest';
import { buildVariants, MIN_PLAIN_LENGTH, personaSources } from '../../../src/detect/variants.js';
import { personaSchema } from '../../../src/persona/schema.js';
import { b64url, hex, persona } from './helpers.js';

const variants = buildVariants(persona);
const withPrefixes = buildVariants(persona, { prefixes: true });
/** The variants searched in text: keyed values and their probes apart (keyed.ts). */
const searched = variants.filter((v) => !v.keyed && !v.probe);
const byText = new Map(searched.map((v) => [v.text, v]));

describe('buildVariants', () => {
  it('reproduces the WIRE.md test vector', () => {
    const jane = personaSchema.parse({ ...persona, email: 'jane.doe@example.com' });
    const texts = new Map(buildVariants(jane).map((v) => [v.text, v.transform]));
    expect(texts.get('86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d'))
      .toEqual(['normalize:email', 'sha256', 'hex']);
    expect(texts.get('huC55WwXzE0SOH4ZSbhQU_vnO8POWhGIcTqdMAzGEz0'))
      .toEqual(['normalize:email', 'sha256', 'base64url']);
    expect(texts.get('86E0B9E56C17CC4D12387E1949B85053FBE73BC3CE5A1188713A9D300CC6133D'))
      .toEqual(['normalize:email', 'sha256', 'hex-upper']);
  });

  it('covers every persona field', () => {
    const fields = new Set(variants.map((v) => v.field));
    for (const src of personaSources(persona)) expect(fields, src.field).toContain(src.field);
    expect(personaSources(persona).find((s) => s.field === 'fullName')?.value).toBe('Märta-Lis Öberg-Kvist');
  });

  it('names plain values raw and digests by their normalisation, even when both coincide', () => {
    expect(byText.get(persona.email)?.transform).toEqual(['raw']);
    expect(byText.get(hex('sha256', persona.email))?.transform).toEqual(['normalize:email', 'sha256', 'hex']);
    expect(byText.get(hex('sha256', '0701234567'))?.transform).toEqual(['normalize:phone-digits', 'sha256', 'hex']);
    expect(byText.get(b64url('sha256', '+46701234567'))).toMatchObject({
      field: 'phone', transform: ['normalize:phone-e164', 'sha256', 'base64url'],
    });
    expect(byText.get('+46701234567')).toMatchObject({ field: 'phoneE164', transform: ['raw'] });
  });

  it('hashes the raw value too when it differs from every normalisation', () => {
    expect(byText.get(hex('sha256', 'Märta-Lis'))?.transform).toEqual(['sha256', 'hex']);
    expect(byText.get(hex('sha256', 'märta-lis'))?.transform).toEqual(['normalize:name-lower', 'sha256', 'hex']);
  });

  it('renders every algorithm in lower hex, upper hex, base64 and base64url', () => {
    const v = variants.filter((x) => x.field === 'email' && x.transform.length === 3 && x.transform[0] === 'normalize:email');
    const combos = new Set(v.map((x) => `${x.transform[1]}/${x.transform[2]}`));
    for (const algo of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3-256']) {
      expect(combos).toContain(`${algo}/hex`);
      expect(combos).toContain(`${algo}/hex-upper`);
      // base64 and base64url coincide when a digest has neither + nor /; one of them then names it.
      expect(combos.has(`${algo}/base64`) || combos.has(`${algo}/base64url`)).toBe(true);
    }
  });

  it('chains hashes two deep over the hex digest', () => {
    const md5 = hex('md5', persona.email);
    expect(byText.get(hex('sha256', md5))?.transform).toEqual(['normalize:email', 'md5', 'hex', 'sha256', 'hex']);
    expect(byText.get(hex('md5', hex('sha256', persona.email)))?.transform)
      .toEqual(['normalize:email', 'sha256', 'hex', 'md5', 'hex']);
    const b64OfHex = Buffer.from(hex('sha256', persona.email)).toString('base64').replace(/=+$/, '');
    expect(byText.get(b64OfHex)?.transform).toEqual(['normalize:email', 'sha256', 'hex', 'base64']);
  });

  it('encodes plain values: URL, form URL, base64, base64url, hex', () => {
    expect(byText.get('marta.oberg.q7x2%40example.test')?.transform).toEqual(['url']);
    expect(byText.get('Upplands+V%C3%A4sby')?.transform).toEqual(['url-plus']);
    expect(byText.get(Buffer.from(persona.email).toString('base64').replace(/=+$/, ''))).toMatchObject({
      transform: ['base64'], caseSensitive: true, hashed: false,
    });
    expect(byText.get(Buffer.from(persona.email).toString('hex'))?.transform).toEqual(['hex']);
    expect(byText.get('upplandsvasby')?.transform).toEqual(['normalize:city-no-space', 'normalize:city-ascii-fold']);
  });

  it('marks hashed and case-sensitive variants', () => {
    for (const v of variants) {
      const hashStep = v.transform.some((t) => /^(md5|sha)/.test(t));
      expect(v.hashed, v.transform.join()).toBe(hashStep);
      if (v.hashed || v.transform.at(-1)?.startsWith('base64')) expect(v.caseSensitive).toBe(true);
      if (!v.hashed && ['raw', 'url', 'hex'].includes(v.transform.at(-1)!)) expect(v.caseSensitive).toBe(false);
    }
  });

  it('follows the false-positive policy', () => {
    for (const v of searched) if (!v.hashed) expect(v.text.length).toBeGreaterThanOrEqual(MIN_PLAIN_LENGTH);
    expect(byText.has('11350')).toBe(false); // a 5-digit postal code
    expect(byText.has('female')).toBe(false); // gender: hashed only
    expect(byText.has('se')).toBe(false);
    expect(byText.get(hex('sha256', 'f'))?.transform).toEqual(['normalize:gender-initial', 'sha256', 'hex']);
    expect(byText.get(hex('sha256', 'se'))?.transform).toEqual(['normalize:country-lower', 'sha256', 'hex']);
    expect(byText.get(hex('sha256', '11350'))?.transform).toEqual(['normalize:postal-code', 'sha256', 'hex']);
  });

  it('matches short postal codes, countries and genders only keyed, each with its probes', () => {
    const keyed = variants.filter((v) => v.keyed).map((v) => `${v.field}=${v.text} ${v.transform.join(',')}`);
    expect(keyed).toEqual([
      'gender=f normalize:gender-initial', 'gender=female normalize:gender-word',
      'postalCode=11350 normalize:postal-code', 'country=se normalize:country-lower',
    ]);
    expect(variants.filter((v) => v.probe && v.field === 'postalCode').map((v) => v.text))
      .toEqual(['~pc0.11350', '%7epc0.11350', '"pc0":"11350"', '[zp]=11350', '%5bzp%5d=11350', '"zp":"11350"']);
  });

  it('keeps a typed prefix that is the whole value of another field, besides it', () => {
    const jonathan = personaSchema.parse({ ...persona, firstName: 'Jonathan', email: 'jonathan.berg.x1y2@example.test' });
    const both = buildVariants(jonathan, { prefixes: true }).filter((v) => v.text.toLowerCase() === 'jonathan');
    expect(both.map((v) => `${v.field} ${v.prefix}`)).toEqual(['firstName false', 'email true']);
  });

  it('keeps one variant per searched text', () => {
    const keys = searched.map((v) => (v.caseSensitive ? `s${v.text}` : `i${v.text.toLowerCase()}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stays within a few thousand variants', () => {
    expect(variants.length).toBeGreaterThan(1500);
    expect(withPrefixes.length).toBeLessThan(4000);
  });

  it('adds typed prefixes only on request, plain and marked', () => {
    expect(variants.some((v) => v.prefix)).toBe(false);
    const prefixes = withPrefixes.filter((v) => v.prefix);
    expect(prefixes.every((v) => !v.hashed && v.transform.join() === 'prefix')).toBe(true);
    const email = prefixes.filter((v) => v.field === 'email').map((v) => v.text);
    expect(email[0]).toBe('marta.');
    expect(email).toContain('marta.oberg.q7x2@example.tes');
    expect(email).not.toContain(persona.email);
    expect(prefixes.some((v) => v.field === 'gender' || v.field === 'country' || v.field === 'dateOfBirth')).toBe(false);
    expect(prefixes.some((v) => v.text.endsWith(' '))).toBe(false);
  });
});
