import { describe, expect, it } from 'vitest';
import { Matcher } from '../../../src/detect/matcher.js';
import type { Variant } from '../../../src/detect/types.js';
import { hex } from './helpers.js';

const plain = (text: string, field = 'email'): Variant => ({
  text, field, category: 'email', transform: ['raw'], hashed: false, caseSensitive: false, prefix: false,
});
const hashed = (text: string, render: string, caseSensitive = true): Variant => ({
  text, field: 'email', category: 'email', transform: ['sha256', render], hashed: true, caseSensitive, prefix: false,
});
const found = (m: Matcher, text: string): Array<[string, number]> =>
  m.find(text).map((r) => [r.variant.text, r.start]);

/** Deterministic PRNG (mulberry32): the property test must be reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Matcher', () => {
  it('finds overlapping and nested patterns in one pass', () => {
    const m = new Matcher([plain('he said'), plain('said so'), plain('so it was')]);
    expect(found(m, 'and he said so it was')).toEqual([['he said', 4], ['said so', 7], ['so it was', 12]]);
  });

  it('matches plain variants case-insensitively, in any script', () => {
    const m = new Matcher([plain('Öberg-Kvist'), plain('STRASSE 1')]);
    expect(found(m, 'x=öBERG-kvist&y=strasse 1')).toEqual([['Öberg-Kvist', 2], ['STRASSE 1', 16]]);
  });

  it('keeps positions when lower-casing would change the length', () => {
    const m = new Matcher([plain('ines.k@example.test')]);
    expect(found(m, 'İİİ ines.k@example.test')).toEqual([['ines.k@example.test', 4]]);
  });

  it('verifies case-sensitive variants exactly', () => {
    const m = new Matcher([hashed('huC55WwXzE0SOH4ZSbhQU_vnO8POWhGIcTqdMAzGEz0', 'base64url')]);
    expect(found(m, 'em.huC55WwXzE0SOH4ZSbhQU_vnO8POWhGIcTqdMAzGEz0~')).toHaveLength(1);
    expect(found(m, 'em.HUC55WwXzE0SOH4ZSbhQU_vnO8POWhGIcTqdMAzGEz0~')).toHaveLength(0);
  });

  it('tells lower from upper hex when both are variants', () => {
    const d = hex('sha256', 'x');
    const m = new Matcher([hashed(d, 'hex'), hashed(d.toUpperCase(), 'hex-upper')]);
    expect(m.find(`a=${d.toUpperCase()}`).map((r) => r.variant.transform[1])).toEqual(['hex-upper']);
    expect(m.find(`a=${d}`).map((r) => r.variant.transform[1])).toEqual(['hex']);
  });

  describe('token boundaries', () => {
    it('rejects a plain match inside a longer alphanumeric run', () => {
      const m = new Matcher([plain('ines.k'), plain('karlsson')]);
      expect(found(m, 'mines.kept karlssons xkarlsson')).toEqual([]);
      expect(found(m, 'q=ines.k&n=karlsson.')).toEqual([['ines.k', 2], ['karlsson', 11]]);
      expect(found(m, 'ines.k')).toEqual([['ines.k', 0]]);
      expect(found(m, 'kärlsson äkarlsson')).toEqual([]);
    });

    it('checks an edge only where the variant itself is alphanumeric', () => {
      const m = new Matcher([plain('+46701234567')]);
      expect(found(m, 'tel:x+46701234567;')).toEqual([['+46701234567', 5]]);
      expect(found(m, 'x+467012345678')).toEqual([]);
    });

    it('rejects a hex digest inside a longer hex run, but not next to other characters', () => {
      const d = hex('sha256', 'jane.doe@example.com');
      const m = new Matcher([hashed(d, 'hex')]);
      expect(found(m, `hme=${d}${hex('sha256', 'other')}`)).toEqual([]);
      expect(found(m, `hme=${hex('sha256', 'other')}${d}`)).toEqual([]);
      expect(found(m, `eid=ob3_plugin-set_${d}&x`)).toEqual([[d, 19]]);
      expect(found(m, `${d}g`)).toEqual([[d, 0]]);
    });

    it('applies the base64 and base64url alphabets', () => {
      const m = new Matcher([hashed('abcDEF123/+xyzabcDEF', 'base64'), hashed('abcDEF123_-xyzabcDEF', 'base64url')]);
      expect(found(m, 'v=abcDEF123/+xyzabcDEF=')).toHaveLength(1);
      expect(found(m, 'v=abcDEF123/+xyzabcDEF+')).toHaveLength(0);
      expect(found(m, 'v=abcDEF123_-xyzabcDEF~')).toHaveLength(1);
      expect(found(m, 'v=abcDEF123_-xyzabcDEF_')).toHaveLength(0);
      expect(found(m, 'v=abcDEF123_-xyzabcDEF+')).toHaveLength(1);
    });
  });

  it('reports variants whose folded texts coincide, each verified on its own', () => {
    const m = new Matcher([plain('Kanarie', 'firstName'), plain('kanarie', 'lastName')]);
    expect(m.find('KANARIE').map((r) => r.variant.field)).toEqual(['firstName', 'lastName']);
  });

  it('ignores empty variants and finds nothing in empty text', () => {
    const m = new Matcher([plain(''), plain('abcdef')]);
    expect(found(m, '')).toEqual([]);
    expect(found(m, 'abcdef')).toEqual([['abcdef', 0]]);
    expect(found(new Matcher([]), 'abcdef')).toEqual([]);
  });

  it('agrees with a naive search on random patterns over a small alphabet', () => {
    const rand = rng(42);
    const alphabet = 'abAB.-';
    const word = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let round = 0; round < 30; round++) {
      const texts = [...new Set(Array.from({ length: 40 }, () => word(1 + Math.floor(rand() * 6))))];
      const variants = texts.map((t) => ({ ...plain(t), caseSensitive: rand() < 0.5 }));
      const m = new Matcher(variants);
      const text = word(400);
      const expected: string[] = [];
      for (let end = 1; end <= text.length; end++) {
        for (const v of variants) {
          const start = end - v.text.length;
          if (start < 0) continue;
          const slice = text.slice(start, end);
          const same = v.caseSensitive ? slice === v.text : slice.toLowerCase() === v.text.toLowerCase();
          const alnum = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/i.test(c);
          const edge = (alnum(v.text[0]) && alnum(text[start - 1])) || (alnum(v.text.at(-1)) && alnum(text[end]));
          if (same && !edge) expected.push(`${v.text}@${start}`);
        }
      }
      const actual = m.find(text).map((r) => `${r.variant.text}@${r.start}`);
      expect(actual.sort()).toEqual(expected.sort());
    }
  });
});
