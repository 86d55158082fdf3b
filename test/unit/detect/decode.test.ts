import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bodyBytes, decodeBase64Text, decodeRounds, decompress, MAX_BODY_BYTES, multipartParts, percentDecode, printableText,
} from '../../../src/detect/decode.js';

describe('percentDecode', () => {
  it('decodes, and keeps malformed sequences instead of throwing', () => {
    expect(percentDecode('a%40b.c')).toBe('a@b.c');
    expect(percentDecode('100%zz a%40b %E9')).toBe('100%zz a@b %E9');
    expect(percentDecode('plain')).toBe('plain');
  });
});

describe('decodeRounds', () => {
  it('decodes repeatedly until stable, at most three rounds, raw first', () => {
    expect(decodeRounds('a%252540b', false)).toEqual({ forms: ['a%252540b', 'a%2540b', 'a%40b', 'a@b'], ends: ['a@b'] });
    expect(decodeRounds('a%25252540b', false).forms).toEqual(['a%25252540b', 'a%252540b', 'a%2540b', 'a%40b']);
    expect(decodeRounds('plain', false)).toEqual({ forms: ['plain'], ends: ['plain'] });
  });
  it('turns + into a space in form encoding, and keeps a literal + reading too', () => {
    expect(decodeRounds('Upplands+V%C3%A4sby', true)).toEqual({
      forms: ['Upplands+V%C3%A4sby', 'Upplands Väsby', 'Upplands+Väsby'],
      ends: ['Upplands Väsby', 'Upplands+Väsby'],
    });
    expect(decodeRounds('a%2Bb', true).forms).toEqual(['a%2Bb', 'a+b']);
    expect(decodeRounds('a+b', false).ends).toEqual(['a+b']);
  });
});

describe('base64 text', () => {
  const json = '{"user":{"email":"a@b.test"}}';
  it('decodes standard and URL-safe base64 of printable text', () => {
    expect(decodeBase64Text(Buffer.from(json).toString('base64'))).toBe(json);
    expect(decodeBase64Text(Buffer.from('¿ü?>>>~~~ and some text').toString('base64url'))).toBe('¿ü?>>>~~~ and some text');
  });
  it('refuses short strings, hex, binary and non-base64', () => {
    expect(decodeBase64Text('aGVsbG8=')).toBeUndefined();
    expect(decodeBase64Text('86e0b9e56c17cc4d12387e1949b85053')).toBeUndefined();
    expect(decodeBase64Text(Buffer.from([0, 1, 2, 200, 201, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).toString('base64'))).toBeUndefined();
    expect(decodeBase64Text('not base64 at all, with spaces')).toBeUndefined();
  });
  it('accepts text with a few control characters only', () => {
    expect(printableText(Buffer.from('line one\nline two\r\n\ttab'))).toBeDefined();
    expect(printableText(Buffer.from('\u0001\u0002\u0003abc'))).toBeUndefined();
  });
});

describe('decompress', () => {
  const text = Buffer.from('ud[em]=abc&ud[ph]=def');
  it('by content-encoding header', () => {
    expect(decompress(gzipSync(text), 'gzip').toString()).toBe(text.toString());
    expect(decompress(brotliCompressSync(text), 'br').toString()).toBe(text.toString());
    expect(decompress(deflateRawSync(text), 'deflate').toString()).toBe(text.toString());
  });
  it('by magic bytes without a header', () => {
    expect(decompress(gzipSync(text), undefined).toString()).toBe(text.toString());
    expect(decompress(deflateSync(text), undefined).toString()).toBe(text.toString());
  });
  it('returns the bytes unchanged when they are not compressed, or a bomb', () => {
    expect(decompress(text, 'gzip').toString()).toBe(text.toString());
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1));
    expect(decompress(bomb, 'gzip')).toBe(bomb);
  });
  it('caps the body read from base64', () => {
    const huge = Buffer.alloc(MAX_BODY_BYTES + 3000, 0x61).toString('base64');
    expect(bodyBytes(huge).length).toBeLessThanOrEqual(MAX_BODY_BYTES + 3);
  });
});

describe('multipartParts', () => {
  const body = ['--XyZ', 'Content-Disposition: form-data; name="email"', '', 'a@b.test',
    '--XyZ', 'Content-Disposition: form-data; name="note"', 'Content-Type: text/plain', '', 'two\r\nlines',
    '--XyZ--', ''].join('\r\n');
  it('splits by the declared boundary', () => {
    expect(multipartParts(body, 'multipart/form-data; boundary=XyZ')).toEqual([
      { name: 'email', content: 'a@b.test' }, { name: 'note', content: 'two\r\nlines' },
    ]);
  });
  it('sniffs the boundary when the content type is missing, and refuses other bodies', () => {
    expect(multipartParts(body, '')?.map((p) => p.name)).toEqual(['email', 'note']);
    expect(multipartParts('a=b', '')).toBeUndefined();
  });
});
