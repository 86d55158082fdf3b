import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { FindingsFile } from '../../src/judge/finding.js';
import type { SiteReport } from '../../src/report/run-summary.js';
import { readEvidenceJson, readFindings, scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/**
 * Every transport a tracker uses to carry a typed e-mail, each on its own fixture site with our
 * made-up tracker "Kanal Lab" (fixtures/trackers/kanal-lab/lab.js): one scan in real Chromium,
 * one test per channel. `submit: 'always'` because the GET-form channel needs the form's own
 * navigation to happen (all these sites are ours).
 */
type Finding = SiteReport['findings'][number];

const SITES = ['channel-beacons', 'channel-keystroke', 'channel-websocket', 'channel-cookie', 'channel-get-form'] as const;

describe('detection channels in real Chromium (Kanal Lab fixture sites)', () => {
  let server: FixtureServer;
  const reports = new Map<string, SiteReport>();

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, SITES.map((s) => server.sites[s]!), { maxPages: 2, concurrency: 2, submit: 'always' });
    for (const name of SITES) reports.set(name, result.reports.find((r) => r.summary.input === server.sites[name])!);
  }, 170_000);
  afterAll(() => server?.close());

  const email = (name: string, parameter: string | RegExp): Finding[] =>
    reports.get(name)!.findings.filter((f) => f.dataCategory === 'email' &&
      (typeof parameter === 'string' ? f.parameter === parameter : parameter.test(f.parameter)));

  it('scans every channel site', () => {
    for (const name of SITES) expect(reports.get(name)?.summary.status, name).toBe('ok');
  });

  it('fetch keepalive: the e-mail in a JSON body', () => {
    const [f] = email('channel-beacons', 'body.json.user.email');
    expect(f).toMatchObject({ recipientHost: 'collect.kanal-lab.test', method: 'POST', hashed: false, transform: ['raw'], firstParty: false });
    expect(new URL(f!.requestUrl).pathname).toBe('/v1/events');
  });

  it('sendBeacon of base64(JSON)', () => {
    const [f] = email('channel-beacons', 'body.b64.json.props.email');
    expect(f).toMatchObject({ recipientHost: 'collect.kanal-lab.test', method: 'POST', hashed: false });
    expect(new URL(f!.requestUrl).pathname).toBe('/v1/b');
  });

  it('a gzip beacon body compressed in the page (CompressionStream)', async () => {
    const [f] = email('channel-beacons', 'body.json.traits.email');
    expect(f).toMatchObject({ recipientHost: 'collect.kanal-lab.test', method: 'POST' });
    const evidence = await readEvidenceJson(reports.get('channel-beacons')!.bundleDir!);
    const sent = evidence.requests.find((r) => r.id === f!.requestId)!;
    expect(Buffer.from(sent.bodyBase64!, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip, not text
  });

  it('double-hashed e-mails: sha256 over the sha1 hex digest, sha256 over the sha256 hex digest', () => {
    expect(email('channel-beacons', 'query.eh')[0]).toMatchObject({ hashed: true, transform: ['normalize:email', 'sha1', 'hex', 'sha256', 'hex'] });
    expect(email('channel-beacons', 'query.eh2')[0]).toMatchObject({ hashed: true, transform: ['normalize:email', 'sha256', 'hex', 'sha256', 'hex'] });
  });

  it('keystroke by keystroke: every input event sends the value so far, found as typed prefixes of the e-mail', async () => {
    const keys = reports.get('channel-keystroke')!.findings.filter((f) => f.parameter === 'query.v');
    const prefixes = keys.filter((f) => f.dataCategory === 'email' && f.prefix);
    expect(prefixes.length).toBeGreaterThan(10);
    expect(prefixes.every((f) => f.trigger === 'input' && f.beforeSubmit && f.transform.join() === 'prefix')).toBe(true);
    expect(keys.some((f) => f.dataCategory === 'email' && !f.prefix)).toBe(true);
    // The e-mail starts with the first name: while the e-mail is typed, that prefix is the e-mail's.
    const evidence = await readEvidenceJson(reports.get('channel-keystroke')!.bundleDir!);
    const first = evidence.persona.firstName.toLowerCase();
    const same = keys.filter((f) => f.matched.toLowerCase() === first && f.requestUrl.includes('f=email'));
    if (first.length >= 6) expect(same.map((f) => f.dataCategory)).toEqual(['email']);
  });

  it('WebSocket frames the page sends (captured as channel "websocket")', async () => {
    const [f] = email('channel-websocket', 'body.json.traits.email');
    expect(f).toMatchObject({ method: 'WS', recipientHost: 'ws.kanal-lab.test', delivered: true });
    expect(f!.requestUrl).toMatch(/^wss:\/\/ws\.kanal-lab\.test\/live\?k=KL-7731$/);
    const evidence = await readEvidenceJson(reports.get('channel-websocket')!.bundleDir!);
    expect(evidence.requests.find((r) => r.id === f!.requestId)!.channel).toBe('websocket');
    // The fixture server's frame reader got the same message.
    const frames = server.received.filter((r) => r.method === 'WS' && r.host === 'ws.kanal-lab.test');
    expect(frames.map((r) => JSON.parse(r.body.toString('utf8')).traits.email)).toContain(evidence.persona.email.toLowerCase());
  });

  it('a third-party cookie written by script: in the Cookie header of the next request, and in the cookie jar', () => {
    const [header] = email('channel-cookie', 'cookie.klid.b64');
    expect(header).toMatchObject({ recipientHost: 'sync.kanal-lab.test', firstParty: false, hashed: false });
    const [jar] = email('channel-cookie', 'cookie-jar.sync.kanal-lab.test.klid.b64');
    expect(jar).toMatchObject({ method: 'COOKIE', recipientHost: 'sync.kanal-lab.test', trigger: 'unknown', delivered: false });
    expect(jar!.evidence.request).toMatch(/^evidence\.json#\/cookieJar\/\d+$/);
  });

  it('localStorage of a third-party frame, attributed to the frame origin', async () => {
    const [item] = email('channel-cookie', 'storage.https://sync.kanal-lab.test.local.kl_profile.b64.json.email');
    expect(item).toMatchObject({ method: 'STORAGE', recipientHost: 'sync.kanal-lab.test', firstParty: false, requestUrl: 'https://sync.kanal-lab.test/' });
    const evidence = await readEvidenceJson(reports.get('channel-cookie')!.bundleDir!);
    expect(evidence.storage!.find((s) => s.id === item!.requestId)).toMatchObject({ origin: 'https://sync.kanal-lab.test', area: 'local', key: 'kl_profile' });
  });

  it('a GET-submitted form: the e-mail in the next page URL, as the tracker\'s dl= and as the Referer', () => {
    const dl = email('channel-get-form', 'query.dl.query.email');
    expect(dl[0]).toMatchObject({ recipientHost: 'collect.kanal-lab.test', hashed: false });
    expect(email('channel-get-form', 'header.referer.query.email')[0]).toMatchObject({ recipientHost: expect.stringMatching(/kanal-lab\.test$/) });
  });

  it('analyze reproduces each scan\'s findings exactly from its saved bundle', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pixel-audit-analyze-'));
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      for (const name of SITES) {
        const bundle = reports.get(name)!.bundleDir!;
        const file = join(out, `${name}.json`);
        expect(await main(['node', 'pixel-audit', 'analyze', bundle, '--out', file])).toBe(1);
        const fresh = JSON.parse(await readFile(file, 'utf8')) as FindingsFile;
        const saved = await readFindings(bundle);
        expect(fresh.findings, name).toEqual(saved.findings);
        expect(fresh.facts, name).toEqual(saved.facts);
      }
    } finally {
      quiet.mockRestore();
    }
  });

  it('analyze of the HAR alone (with --persona) finds the same HTTP leaks but the Blob beacon, trigger unknown', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pixel-audit-har-'));
    const bundle = reports.get('channel-beacons')!.bundleDir!;
    const evidence = await readEvidenceJson(bundle);
    const personaFile = join(out, 'persona.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(personaFile, JSON.stringify(evidence.persona)));
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'pixel-audit', 'analyze', join(bundle, 'requests.har'), '--persona', personaFile, '--out', join(out, 'har.findings.json')])).toBe(1);
    } finally {
      quiet.mockRestore();
    }
    const fromHar = JSON.parse(await readFile(join(out, 'har.findings.json'), 'utf8')) as FindingsFile;
    const key = (f: Finding): string => `${f.recipientHost} ${f.parameter} ${f.dataCategory} ${f.transform.join(',')}`;
    // Playwright's HAR (like Chromium's own events) has no bytes for a Blob body: only the
    // recorder's DevTools read (blob-bodies.ts) has the gzip beacon.
    const blob = (f: Finding): boolean => new URL(f.requestUrl).pathname === '/v1/z';
    const saved = (await readFindings(bundle)).findings.filter((f) => f.method !== 'COOKIE' && f.method !== 'STORAGE');
    expect(saved.some(blob)).toBe(true);
    expect(new Set(fromHar.findings.map(key))).toEqual(new Set(saved.filter((f) => !blob(f)).map(key)));
    expect(fromHar.findings.every((f) => f.trigger === 'unknown' && f.evidence.har === 'requests.har')).toBe(true);
    expect(fromHar.couldNotAssess).toContain('timeline');
  });
});
