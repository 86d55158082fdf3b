import { randomBytes } from 'node:crypto';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeLzString, decodeLzUtf16, looksLzUtf16 } from '../../../src/detect/lz-string.js';

const samples = [
  'marta.oberg.q7x2@example.test',
  JSON.stringify({ evts: [{ k: 'input', v: 'Märta-Lis Öberg-Kvist' }, { k: 'input', v: 'marta.oberg.q7x2@example.test' }] }),
  'ab'.repeat(40) + ' a long run that compresses well',
  '日本語のテキストと emoji 🎉 mixed',
];

describe('LZ-string decoding (our own bounded decoder of the published format)', () => {
  it.each(samples)('reads compressToBase64, compressToEncodedURIComponent and compressToUTF16 of %s', (text) => {
    expect(decodeLzString(LZString.compressToBase64(text))).toBe(text);
    expect(decodeLzString(LZString.compressToEncodedURIComponent(text))).toBe(text);
    const utf16 = LZString.compressToUTF16(text);
    expect(looksLzUtf16(utf16)).toBe(true);
    expect(decodeLzUtf16(utf16)).toBe(text);
  });

  it('forgives a `+` read as a space and missing padding', () => {
    const text = 'a value that compresses with plus signs: ' + 'x'.repeat(50);
    const uri = LZString.compressToEncodedURIComponent(text);
    expect(decodeLzString(uri.replace(/\+/g, ' '))).toBe(text);
    expect(decodeLzString(LZString.compressToBase64(text).replace(/=+$/, ''))).toBe(text);
  });

  it('gives up on random tokens, digests and ordinary text', () => {
    for (const s of ['abcdefghijklmnopqrstuvwxyz', 'huC55WwXzE0SOH4ZSbhQU_vnO8POWhGIcTqdMAzGEz0',
      '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d', 'GA1.1.1234567890.1234567890', 'short']) {
      expect(decodeLzString(s)).toBeUndefined();
    }
    expect(decodeLzUtf16('Привет, как дела? Всё хорошо.')).toBeUndefined();
  });

  it('takes almost no random token for LZ-string output (the stream must end padded, exactly)', () => {
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) if (decodeLzString(randomBytes(12 + (i % 48)).toString('base64url')) !== undefined) accepted++;
    expect(accepted).toBeLessThan(5); // measured: about 1.5 in 100,000
  });

  it('stops at its output cap instead of growing quadratically', () => {
    // A stream that keeps repeating its longest entry: legal LZW, output ~ n²/2.
    const bomb = LZString.compressToBase64('a'.repeat(300_000));
    expect(bomb.length).toBeLessThan(2000);
    expect(decodeLzString(bomb)).toBeUndefined();
  });
});
