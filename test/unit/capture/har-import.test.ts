import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { evidenceFromHar, harFileSchema } from '../../../src/capture/har-import.js';
import { detectEvidence } from '../../../src/detect/detect.js';
import { evidenceSchema } from '../../../src/evidence/schema.js';
import { persona } from '../../helpers/evidence-builder.js';

/** A HAR as Chrome DevTools exports it (trimmed): a page, a form POST with params only, a WebSocket. */
const email = persona.email;
const har = harFileSchema.parse({
  log: {
    version: '1.2',
    pages: [{ id: 'page_1', title: 'https://shop.example/kontakt', startedDateTime: '2026-03-01T11:00:00.000+01:00' }],
    entries: [
      {
        startedDateTime: '2026-03-01T11:00:00.100+01:00', pageref: 'page_1', _resourceType: 'document',
        request: { method: 'GET', url: 'https://shop.example/kontakt', headers: [{ name: 'User-Agent', value: 'Mozilla/5.0 test' }] },
        response: { status: 200 },
      },
      {
        startedDateTime: '2026-03-01T11:00:05.000+01:00', pageref: 'page_1', _resourceType: 'ping',
        request: {
          method: 'POST', url: 'https://collect.tracker.test/e',
          headers: [{ name: 'Cookie', value: 'a=1' }, { name: 'cookie', value: 'b=2' }],
          postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'mail', value: email }] },
        },
        response: { status: 0 },
      },
      {
        startedDateTime: '2026-03-01T11:00:06.000+01:00', pageref: 'page_1', _resourceType: 'websocket',
        request: { method: 'GET', url: 'wss://live.tracker.test/s', headers: [] },
        response: { status: 101 },
        _webSocketMessages: [
          { type: 'receive', time: 1772359206.5, opcode: 1, data: 'hello' },
          { type: 'send', time: 1772359206.7, opcode: 1, data: JSON.stringify({ traits: { email } }) },
        ],
      },
    ],
  },
});

describe('evidence from a HAR file', () => {
  const evidence = evidenceSchema.parse(evidenceFromHar(har, persona, 'visit.har'));

  it('turns entries into captured requests, WebSocket messages sent into frames, in UTC', () => {
    expect(evidence.requests.map((r) => [r.id, r.channel, r.method, r.url, r.at, r.harIndex, r.outcome.delivered])).toEqual([
      ['r0001', 'http', 'GET', 'https://shop.example/kontakt', '2026-03-01T10:00:00.100Z', 0, true],
      ['r0002', 'http', 'POST', 'https://collect.tracker.test/e', '2026-03-01T10:00:05.000Z', 1, false],
      ['r0003', 'http', 'GET', 'wss://live.tracker.test/s', '2026-03-01T10:00:06.000Z', 2, true],
      ['r0004', 'websocket', 'WS', 'wss://live.tracker.test/s', '2026-03-01T10:00:06.700Z', undefined, true],
    ]);
    expect(evidence.requests[1]!.headers.cookie).toBe('a=1; b=2');
    expect(evidence).toMatchObject({ site: 'https://shop.example', startUrl: 'https://shop.example/kontakt', userAgent: 'Mozilla/5.0 test' });
  });

  it('says what a HAR cannot tell: no timeline, no consent', () => {
    expect(evidence.timeline).toHaveLength(1);
    expect(evidence.requests.every((r) => r.afterAction === 0)).toBe(true);
    expect(evidence.errors.map((e) => e.stage)).toEqual(['timeline']);
    expect(evidence.consent.state).toBe('none');
  });

  it('is searched like a bundle: the form rebuilt from params, the WebSocket message', () => {
    expect(detectEvidence(evidence).map((h) => `${h.requestId} ${h.parameter}`)).toEqual([
      'r0002 body.form.mail',
      'r0004 body.json.traits.email',
    ]);
  });
});

describe('analyze <file.har>', () => {
  it('needs --persona, and says so in one line (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-har-'));
    const file = join(dir, 'visit.har');
    await writeFile(file, JSON.stringify(har));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'pixel-audit', 'analyze', file])).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/a HAR holds no persona[\s\S]*--persona persona\.json/);
    } finally {
      err.mockRestore();
    }
  });

  it('writes the findings and the imported evidence beside the HAR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-har-'));
    const file = join(dir, 'visit.har');
    await writeFile(file, JSON.stringify(har));
    await writeFile(join(dir, 'persona.json'), JSON.stringify(persona));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'pixel-audit', 'analyze', file, '--persona', join(dir, 'persona.json')])).toBe(1);
    } finally {
      out.mockRestore();
    }
    const { readFile } = await import('node:fs/promises');
    const findings = JSON.parse(await readFile(join(dir, 'visit.findings.json'), 'utf8')) as { findings: Array<Record<string, unknown>> };
    expect(findings.findings.map((f) => [f.parameter, f.trigger, (f.evidence as { har: string; request: string })])).toEqual([
      ['body.form.mail', 'unknown', expect.objectContaining({ har: 'visit.har', request: 'visit.evidence.json#/requests/1', harEntry: 1 })],
      ['body.json.traits.email', 'unknown', expect.objectContaining({ har: 'visit.har', request: 'visit.evidence.json#/requests/3' })],
    ]);
    expect(JSON.parse(await readFile(join(dir, 'visit.evidence.json'), 'utf8')).requests).toHaveLength(4);
  });
});
