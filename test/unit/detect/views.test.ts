import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { View } from '../../../src/detect/types.js';
import { MAX_VIEWS, requestViews } from '../../../src/detect/views.js';
import { makeRequest, type RequestSpec } from './helpers.js';

const views = (spec: RequestSpec): View[] => requestViews(makeRequest(spec));
/** Texts of a view path, in order. */
const at = (vs: View[], path: string): string[] => vs.filter((v) => v.path === path).map((v) => v.text);
const paths = (vs: View[]): string[] => [...new Set(vs.map((v) => v.path))];

describe('requestViews: URL', () => {
  const vs = views({ url: 'https://www.facebook.com/tr/a%20b/?id=123&ud[em]=abc&dl=https%3A%2F%2Fshop.test%2F%3Femail%3Da%2540b.test#frag%40x' });

  it('names host, path and path segments', () => {
    expect(at(vs, 'url.host')).toEqual(['www.facebook.com']);
    expect(at(vs, 'url.path')).toEqual(['/tr/a%20b/', '/tr/a b/']);
    expect(at(vs, 'url.path[0]')).toEqual(['tr']);
    expect(at(vs, 'url.path[1]')).toEqual(['a%20b', 'a b']);
  });

  it('names query parameters, decoded repeatedly with the raw kept, and URLs inside them', () => {
    expect(at(vs, 'query.ud[em]')).toEqual(['abc']);
    expect(at(vs, 'query.dl')).toContain('https://shop.test/?email=a%40b.test');
    expect(at(vs, 'query.dl')[0]).toBe('https%3A%2F%2Fshop.test%2F%3Femail%3Da%2540b.test');
    expect(at(vs, 'query.dl.query.email')).toContain('a@b.test');
    expect(at(vs, 'fragment')).toContain('frag@x');
  });

  it('parses JSON and base64 JSON inside a parameter', () => {
    const b64 = Buffer.from('{"u":{"em":"a@b.test"}}').toString('base64url');
    const v = views({ url: `https://t.test/e?cd=${encodeURIComponent('{"x":{"y":["q",5]}}')}&d=${b64}` });
    expect(at(v, 'query.cd.json.x.y[0]')).toEqual(['q']);
    expect(at(v, 'query.cd.json.x.y[1]')).toEqual(['5']);
    expect(at(v, 'query.d.b64.json.u.em')).toEqual(['a@b.test']);
  });

  it('reads an unencoded + both ways: a space, and standard base64', () => {
    const blob = Buffer.from('{"em":"a@b.test","x":"~~~>>>"}').toString('base64');
    expect(blob).toContain('+');
    const v = views({ url: `https://t.test/?d=${blob}&s=a+b` });
    expect(at(v, 'query.d.b64.json.em')).toEqual(['a@b.test']);
    expect(at(v, 'query.s')).toEqual(['a+b', 'a b']);
  });

  it('keeps an unparsable URL whole', () => {
    expect(views({ url: 'not a url' })).toEqual([{ path: 'url', text: 'not a url' }]);
  });
});

describe('requestViews: headers', () => {
  const vs = views({
    url: 'https://t.test/',
    headers: {
      cookie: '_fbp=fb.1.2; em=a%40b.test; blob=eyJhIjoieCJ9eyJhIjoieCJ9',
      referer: 'https://shop.test/thanks?email=a%40b.test&n=1',
      'user-agent': 'Mozilla/5.0', 'x-user': 'abc',
    },
  });
  it('splits cookies by name', () => {
    expect(at(vs, 'cookie._fbp')).toEqual(['fb.1.2']);
    expect(at(vs, 'cookie.em')).toEqual(['a%40b.test', 'a@b.test']);
  });
  it('keeps the Referer and its query parameters', () => {
    expect(at(vs, 'header.referer')).toEqual(['https://shop.test/thanks?email=a%40b.test&n=1', 'https://shop.test/thanks?email=a@b.test&n=1']);
    expect(at(vs, 'header.referer.query.email')).toContain('a@b.test');
  });
  it('searches other non-standard headers, not the browser\'s own', () => {
    expect(at(vs, 'header.x-user')).toEqual(['abc']);
    expect(paths(vs)).not.toContain('header.user-agent');
  });
});

describe('requestViews: bodies', () => {
  const post = (body: string | Buffer, headers: Record<string, string> = {}): View[] =>
    views({ url: 'https://t.test/c', body, headers });

  it('form bodies', () => {
    const v = post('ud%5Bem%5D=abc&a=x+y', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(at(v, 'body.form.ud[em]')).toEqual(['abc']);
    expect(at(v, 'body.form.a')).toContain('x y');
    expect(paths(v)).not.toContain('body.text');
  });

  it('JSON bodies, every string and number leaf', () => {
    const v = post('{"context":{"user":{"email":"a@b.test"}},"events":[{"v":1.5},{"n":null}]}');
    expect(at(v, 'body.json.context.user.email')).toEqual(['a@b.test']);
    expect(at(v, 'body.json.events[0].v')).toEqual(['1.5']);
    expect(paths(v)).not.toContain('body.text');
  });

  it('base64 JSON beacons', () => {
    expect(at(post(Buffer.from('{"user":{"em":"a@b.test"}}').toString('base64')), 'body.b64.json.user.em')).toEqual(['a@b.test']);
  });

  it('compressed bodies, by header or magic bytes', () => {
    expect(at(post(gzipSync('{"em":"a@b.test"}'), { 'content-encoding': 'gzip' }), 'body.json.em')).toEqual(['a@b.test']);
    expect(at(post(gzipSync('em=a%40b.test')), 'body.form.em')).toContain('a@b.test');
  });

  it('newline batches, each line parsed under the body\'s paths', () => {
    const v = post('en=page_view&ep.email=a%40b.test\nen=form_submit&up.ph=123\n');
    expect(at(v, 'body.form.ep.email')).toContain('a@b.test');
    expect(at(v, 'body.form.up.ph')).toEqual(['123']);
    expect(paths(v)).not.toContain('body.text');
    const ndjson = post('{"a":"x"}\n{"b":"y"}');
    expect(at(ndjson, 'body.json.b')).toEqual(['y']);
  });

  it('multipart parts', () => {
    const body = '--B\r\nContent-Disposition: form-data; name="ud[em]"\r\n\r\nabc\r\n--B--\r\n';
    expect(at(post(body, { 'content-type': 'multipart/form-data; boundary=B' }), 'body.multipart.ud[em]')).toEqual(['abc']);
  });

  it('falls back to the whole text', () => {
    const v = post('just some text: a@b.test');
    expect(at(v, 'body.text')).toEqual(['just some text: a@b.test']);
    const mixed = post('{"a":"x"}\nfree text line');
    expect(at(mixed, 'body.json.a')).toEqual(['x']);
    expect(at(mixed, 'body.text')).toEqual(['{"a":"x"}\nfree text line']);
  });
});

describe('requestViews: limits', () => {
  it('stops nested decoding after three layers', () => {
    const layer = (s: string): string => Buffer.from(JSON.stringify({ d: s })).toString('base64');
    const v = views({ url: `https://t.test/?p=${layer(layer(layer('{"e":"deep"}')))}` });
    expect(paths(v)).toContain('query.p.b64.json.d');
    expect(paths(v).some((p) => p.endsWith('.e'))).toBe(false);
  });

  it('bounds a hostile body: many leaves, deep nesting', () => {
    const many = JSON.stringify(Array.from({ length: MAX_VIEWS + 500 }, (_, i) => `v${i}`));
    const v = views({ url: 'https://t.test/', body: many });
    expect(v.length).toBeLessThanOrEqual(MAX_VIEWS + 2);
    expect(at(v, 'body.text')).toEqual([many]); // still searched, whole
    expect(at(v, 'url')).toEqual(['https://t.test/']);
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    expect(() => views({ url: 'https://t.test/', body: deep })).not.toThrow();
  });
});
