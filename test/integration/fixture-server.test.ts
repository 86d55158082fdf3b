import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureSites, startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTPS request to the fixture server, presenting `host` as SNI and Host header. */
function request(
  server: FixtureServer, host: string, path: string, init: { method?: string; body?: string; type?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: server.port,
        servername: host,
        rejectUnauthorized: false,
        method: init.method ?? 'GET',
        path,
        headers: { host, ...(init.type ? { 'content-type': init.type } : {}) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('fixture server', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => server.reset());

  it('names every site and maps every host in Chromium syntax', () => {
    expect(server.sites.demo).toBe('https://www.tryggbo-forsakring.test/');
    expect(Object.keys(server.sites)).toEqual(expect.arrayContaining(['aam', 'clean', 'demo', 'manual', 'pageview']));
    const rules = server.hostResolverRules.split(', ');
    for (const host of ['www.tryggbo-forsakring.test', 'connect.facebook.net', 'www.facebook.com']) {
      expect(rules).toContain(`MAP ${host} 127.0.0.1:${server.port}`);
    }
    expect(server.hostResolverRules).toMatch(/MAP tls-broken\.test 127\.0\.0\.1:\d+/);
    expect(server.hostResolverRules).toMatch(/MAP unreachable\.test 127\.0\.0\.1:\d+/);
  });

  it('serves site pages by Host header, with no-store', async () => {
    const home = await request(server, 'www.tryggbo-forsakring.test', '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.body.toString()).toContain('href="/offert"');
    const quote = await request(server, 'www.tryggbo-forsakring.test', '/offert');
    expect(quote.body.toString()).toContain('action="/offert/skicka"');
    expect((await request(server, 'www.tryggbo-forsakring.test', '/nope')).status).toBe(404);
    expect(server.received.map((r) => r.path)).toEqual(['/', '/offert', '/nope']);
  });

  it('serves the pixel imitation and a configuration with AAM only for AAM pixels', async () => {
    const script = await request(server, 'connect.facebook.net', '/en_US/fbevents.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body.toString()).toContain('registerConfig');

    const hex = 'ab'.repeat(32);
    const query = `?v=2.9.177&r=stable&hme=${hex}&ex=1&eid=ob3_plugin-set_${hex}`;
    const aam = await request(server, 'connect.facebook.net', `/signals/config/${fixtureSites.aam.metaPixel.id}${query}`);
    expect(aam.body.toString()).toContain('automaticMatching');
    expect(aam.body.toString()).toContain('"blockHeadless":true');
    const manual = await request(server, 'connect.facebook.net', `/signals/config/${fixtureSites.manual.metaPixel.id}${query}`);
    expect(manual.body.toString()).not.toContain('automaticMatching');
    expect(manual.body.toString()).toContain('"blockHeadless":true');

    const config = server.trackerRequests().find((r) => r.path.startsWith('/signals/config/'));
    expect(config?.query.hme).toBe(hex);
  });

  it('answers /tr/ like the real endpoint and records the request', async () => {
    const gif = await request(server, 'www.facebook.com', '/tr/?id=1&ev=PageView&ud%5Bem%5D=abc');
    expect(gif.status).toBe(200);
    expect(gif.headers['content-type']).toBe('image/gif');
    expect(gif.body.subarray(0, 6).toString()).toBe('GIF89a');
    const noSlash = await request(server, 'www.facebook.com', '/tr?id=1&ev=PageView');
    expect(noSlash.headers['content-type']).toBe('image/gif');
    const post = await request(server, 'www.facebook.com', '/tr/', {
      method: 'POST', type: 'application/x-www-form-urlencoded', body: 'id=1&ev=Lead&rqm=formPOST',
    });
    expect(post.status).toBe(200);
    expect(post.body.length).toBe(0);
    const trigger = await request(server, 'www.facebook.com', '/privacy_sandbox/pixel/register/trigger/?id=1');
    expect(trigger.status).toBe(200);

    const tr = server.trackerRequests();
    expect(tr).toHaveLength(4);
    expect(tr[0]).toMatchObject({ host: 'www.facebook.com', method: 'GET', path: '/tr/' });
    expect(tr[0]?.query['ud[em]']).toBe('abc');
    expect(tr[0]?.url).toBe('https://www.facebook.com/tr/?id=1&ev=PageView&ud%5Bem%5D=abc');
    expect(new Date(tr[0]?.at ?? '').toISOString()).toBe(tr[0]?.at);
    expect(tr[2]?.body.toString()).toBe('id=1&ev=Lead&rqm=formPOST');
  });

  it("records the site's own form submissions, and only those", async () => {
    const thanks = await request(server, 'www.auto-forsakring.test', '/offert/skicka', {
      method: 'POST', type: 'application/x-www-form-urlencoded', body: 'epost=a%40b.test',
    });
    expect(thanks.body.toString()).toContain('Tack!');
    await request(server, 'www.auto-forsakring.test', '/offert');
    await request(server, 'www.ren-exempel.test', '/collect', { method: 'POST', body: '{}' });
    expect(server.formPosts('www.auto-forsakring.test')).toHaveLength(1);
    expect(server.formPosts('aam')[0]?.body.toString()).toBe('epost=a%40b.test');
    expect(server.formPosts('clean')).toHaveLength(0);
    expect(server.trackerRequests()).toHaveLength(0);
  });

  it('closes fast even while a /never request is held open', async () => {
    const own = await startFixtureServer();
    const held = request(own, 'www.tryggbo-forsakring.test', '/never').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    expect(own.received.map((r) => r.path)).toEqual(['/never']);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await held).toBeInstanceOf(Error);
  });
});
