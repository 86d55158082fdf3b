import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { alertNewFindings } from '../../../src/alert/alert-run.js';
import { postWebhook, webhookPayload } from '../../../src/alert/webhook.js';
import { openStore } from '../../../src/store/open-store.js';
import { fingerprintRecords, recordSiteReport } from '../../../src/store/record.js';
import { finding, night, nightly, runOf, SITE } from '../store/store-fixtures.js';

/** A loopback server that answers each POST with the next status of `statuses` (then 200). */
async function hookServer(statuses: number[] = []) {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/SECRET`;
  return { url, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const noWait = { sleep: async () => undefined };
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('webhook', () => {
  it('retries after a 5xx and succeeds on the third try', async () => {
    const hook = await hookServer([500, 503]);
    close = hook.close;
    const waits: number[] = [];
    const result = await postWebhook(hook.url, { text: 'x' }, { sleep: async (ms) => void waits.push(ms) });
    expect(result).toEqual({ ok: true, tries: 3 });
    expect(hook.bodies).toHaveLength(3);
    expect(waits).toEqual([1000, 4000]);
  });

  it('gives up after 3 tries without throwing, and the error does not name the URL', async () => {
    const hook = await hookServer([500, 500, 500, 500]);
    close = hook.close;
    const result = await postWebhook(hook.url, { text: 'x' }, noWait);
    expect(result).toEqual({ ok: false, tries: 3, error: 'HTTP 500' });
    const refused = await postWebhook('http://127.0.0.1:1/hook', { text: 'x' }, noWait);
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).not.toContain('127.0.0.1');
  });

  it('posts a Slack-compatible text naming the site, tracker, category and parameter, without persona values', () => {
    const f = finding('em', night(1, 2), { matched: 'canary.secret@example.test' });
    const payload = webhookPayload({ runId: 'r1', runDir: '/out/r1' }, fingerprintRecords([f]).map((r) => ({ site: SITE, ...r })));
    expect(payload.text).toMatch(/^pixel-audit: 1 new finding\(s\) on 1 site\(s\) in run r1/);
    expect(payload.text).toContain(SITE);
    expect(payload.text).toContain('meta-pixel (www.facebook.com) received email in query.ud[em] [normalize:email → sha256 → hex]');
    expect(payload.sites[0]!.newFindings[0]).toMatchObject({ fingerprint: 'em', tracker: 'meta-pixel' });
    expect(JSON.stringify(payload)).not.toContain('canary.secret');
  });

  it('after a run: posts only what is new since the previous scan, nothing when nothing is new, and one line on failure', async () => {
    const hook = await hookServer();
    close = hook.close;
    const store = await openStore(':memory:');
    const warnings: string[] = [];
    const run = async (d: number, fps: string[]) => {
      await store.beginRun({ runId: runOf(d), startedAt: night(d), toolVersion: '0.1.0' });
      await recordSiteReport(store, runOf(d), nightly(d, 'ok', fps));
      return alertNewFindings({ runId: runOf(d), runDir: `/out/${runOf(d)}`, webhook: hook.url, store, findings: [], warn: (l) => warnings.push(l), post: noWait });
    };
    expect(await run(1, ['em'])).toMatchObject({ fresh: 1, result: { ok: true } });
    expect(await run(2, ['em'])).toEqual({ fresh: 0 });
    expect(await run(3, ['em', 'ph'])).toMatchObject({ fresh: 1 });
    expect(hook.bodies).toHaveLength(2);
    expect((hook.bodies[1] as { sites: Array<{ newFindings: Array<{ fingerprint: string }> }> }).sites[0]!.newFindings.map((f) => f.fingerprint)).toEqual(['ph']);
    expect(warnings).toEqual([]);

    const failing = await alertNewFindings({
      runId: 'r', runDir: '/out/r', webhook: 'http://127.0.0.1:1/hooks/SECRET', findings: [{ site: SITE, findings: [finding('em', night(1))] }],
      warn: (l) => warnings.push(l), post: noWait,
    });
    expect(failing.result?.ok).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^pixel-audit: webhook failed after 3 tries \(.+\); the run and its exit code are unaffected$/);
    expect(warnings[0]).not.toContain('SECRET');
    await store.close();
  });
});
