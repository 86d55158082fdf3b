import { beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS_SCHEMA_VERSION, findingsFileSchema, type Finding } from '../../../src/judge/finding.js';
import { judge, parameterName, type JudgeInput } from '../../../src/judge/judge.js';
import { loadRules } from '../../../src/rules/load.js';
import type { Rule } from '../../../src/rules/schema.js';
import {
  buildEvidence, EMAIL_SHA256, FORM_PAGE, hit, PIXEL_ID, plainEmailHit, REQUESTS, SITE, TIMELINE, at, request,
} from '../../helpers/evidence-builder.js';

let rules: Rule[];
let rulesDigest: string;
const NOW = '2026-03-01T11:00:00.000Z';

beforeAll(async () => {
  ({ rules, digest: rulesDigest } = await loadRules());
});

const run = (over: Partial<JudgeInput> = {}) => judge({ evidence: buildEvidence(), hits: [], rules, rulesDigest, now: NOW, ...over });
const only = (findings: Finding[]): Finding => {
  expect(findings).toHaveLength(1);
  return findings[0]!;
};

describe('judge', () => {
  it('turns a third-party hashed hit into a finding attributed by the meta-pixel rule', () => {
    const file = run({ hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]' })] });
    expect(only(file.findings)).toEqual({
      id: expect.stringMatching(/^F-[0-9a-f]{12}$/),
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      site: SITE,
      pageUrl: FORM_PAGE,
      tracker: 'meta-pixel',
      trackerName: 'Meta Pixel',
      vendor: { name: 'Meta Platforms Ireland Ltd', country: 'IE', parent: { name: 'Meta Platforms, Inc.', country: 'US' } },
      recipientHost: 'www.facebook.com',
      firstParty: false,
      accountId: PIXEL_ID,
      event: 'PageView',
      requestId: 'r0001',
      requestUrl: REQUESTS.metaGetWhileTyping.url,
      method: 'GET',
      parameter: 'query.ud[em]',
      parameterMeaning: 'Advanced matching: e-mail address',
      dataCategory: 'email',
      personaField: 'email',
      transform: ['normalize:email', 'sha256', 'hex'],
      hashed: true,
      prefix: false,
      matched: EMAIL_SHA256,
      trigger: 'input',
      beforeSubmit: true,
      consent: 'none',
      delivered: true,
      firstSeenAt: at(4),
      severity: 'high',
      evidence: { request: 'evidence.json#/requests/0', har: 'requests.har', harEntry: 3, screenshot: 'screenshots/f1-filled.png' },
    });
    expect(file).toMatchObject({ schemaVersion: FINDINGS_SCHEMA_VERSION, site: SITE, generatedAt: NOW, rulesDigest, couldNotAssess: [] });
    expect(() => findingsFileSchema.parse(file)).not.toThrow();
  });

  it('reads account id and event of a POST from its urlencoded body', () => {
    const f = only(run({ hits: [hit({ requestId: 'r0002', parameter: 'body.form.ud[em]' })] }).findings);
    expect(f).toMatchObject({ tracker: 'meta-pixel', accountId: PIXEL_ID, event: 'Lead', method: 'POST', parameterMeaning: 'Advanced matching: e-mail address' });
  });

  it("does not report the site's own form endpoint receiving plain values", () => {
    expect(run({ hits: [plainEmailHit('r0003', 'body.form.epost')] }).findings).toEqual([]);
  });

  it('reports a first-party request carrying a hash, marked firstParty', () => {
    const f = only(run({ hits: [hit({ requestId: 'r0004', parameter: 'body.form.em' })] }).findings);
    expect(f).toMatchObject({ firstParty: true, recipientHost: 'sgtm.example.se', tracker: 'unknown', trackerName: 'example.se', trigger: 'blur', beforeSubmit: true });
    expect(f.vendor).toBeUndefined();
    expect(f.parameterMeaning).toBeUndefined();
  });

  it('names an unknown third party by its registrable domain', () => {
    const f = only(run({ hits: [plainEmailHit('r0005', 'query.e')] }).findings);
    expect(f).toMatchObject({
      tracker: 'unknown', trackerName: 'tracker-unknown.test', recipientHost: 'px.tracker-unknown.test', firstParty: false,
      hashed: false, transform: ['raw'], trigger: 'page_load', beforeSubmit: true,
    });
    expect(f.accountId).toBeUndefined();
    expect(f.event).toBeUndefined();
    expect(f.evidence).toEqual({ request: 'evidence.json#/requests/4', har: 'requests.har', harEntry: 1, screenshot: undefined });
  });

  it('gives one finding for duplicate (request, parameter, category) hits', () => {
    const hits = [
      hit({ requestId: 'r0001', parameter: 'query.ud[em]' }),
      hit({ requestId: 'r0001', parameter: 'query.ud[em]', transform: ['normalize:email', 'md5', 'hex', 'sha256', 'hex'] }),
      hit({ requestId: 'r0001', parameter: 'query.ud[em]' }),
    ];
    expect(only(run({ hits }).findings).transform).toEqual(['normalize:email', 'sha256', 'hex']);
    // A different parameter or category of the same request is another finding.
    const more = run({ hits: [...hits, hit({ requestId: 'r0001', parameter: 'query.dl' }), hit({ requestId: 'r0001', parameter: 'query.ud[em]', category: 'free_text', field: 'message' })] });
    expect(more.findings).toHaveLength(3);
  });

  it('ignores hits on requests the evidence does not hold', () => {
    expect(run({ hits: [hit({ requestId: 'r9999', parameter: 'query.ud[em]' })] }).findings).toEqual([]);
  });

  it('follows the timeline for trigger and before-submit', () => {
    const typing = only(run({ hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]' })] }).findings);
    expect([typing.trigger, typing.beforeSubmit]).toEqual(['input', true]);
    const submit = only(run({ hits: [hit({ requestId: 'r0002', parameter: 'body.form.ud[em]' })] }).findings);
    expect([submit.trigger, submit.beforeSubmit]).toEqual(['submit', false]);
    const load = only(run({ hits: [plainEmailHit('r0005', 'query.e')] }).findings);
    expect([load.trigger, load.beforeSubmit]).toEqual(['page_load', true]);
  });

  it('uses the evidence consent state for the finding and its severity', () => {
    const rejected = buildEvidence({ consent: { mode: 'reject', state: 'rejected', bannerFound: true } });
    const f = only(run({ evidence: rejected, hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]' })] }).findings);
    expect(f).toMatchObject({ consent: 'rejected', severity: 'critical' });
  });

  it('keeps equal fingerprints for the same parameter sent by GET or POST, and distinct ids', () => {
    const file = run({ hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]' }), hit({ requestId: 'r0002', parameter: 'body.form.ud[em]' })] });
    const [get, post] = file.findings as [Finding, Finding];
    expect(get.fingerprint).toBe(post.fingerprint);
    expect(get.id).not.toBe(post.id);
    // A different transform, category or parameter is another fingerprint.
    const other = run({ hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]', transform: ['normalize:email', 'md5', 'hex'] })] });
    expect(only(other.findings).fingerprint).not.toBe(get.fingerprint);
    const udff = run({ hits: [hit({ requestId: 'r0002', parameter: 'body.form.udff[em]' })] });
    expect(only(udff.findings).fingerprint).not.toBe(get.fingerprint);
  });

  it('is deterministic: the same input gives the same findings file', () => {
    const hits = [hit({ requestId: 'r0001', parameter: 'query.ud[em]' }), plainEmailHit('r0005', 'query.e')];
    expect(run({ hits })).toEqual(run({ hits }));
  });

  it('sorts findings by time, lists failed stages once, and passes the findings schema', () => {
    const evidence = buildEvidence({
      errors: [
        { stage: 'consent', message: 'banner button not clickable', at: at(1) },
        { stage: 'form:f2', message: 'form vanished', at: at(2) },
        { stage: 'consent', message: 'again', at: at(3) },
      ],
    });
    const file = run({
      evidence,
      hits: [
        hit({ requestId: 'r0002', parameter: 'body.form.ud[em]' }),
        hit({ requestId: 'r0004', parameter: 'body.form.em' }),
        hit({ requestId: 'r0001', parameter: 'query.ud[em]' }),
        plainEmailHit('r0005', 'query.e'),
        plainEmailHit('r0003', 'body.form.epost'),
      ],
    });
    expect(file.findings.map((f) => f.requestId)).toEqual(['r0005', 'r0001', 'r0004', 'r0002']);
    expect(file.couldNotAssess).toEqual(['consent', 'form:f2']);
    expect(findingsFileSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual(JSON.parse(JSON.stringify(file)));
  });

  it('falls back to the start URL when a request names no page', () => {
    const evidence = buildEvidence({ requests: [request({ id: 'r0001', url: REQUESTS.metaGetWhileTyping.url, pageUrl: undefined, afterAction: 2 })] });
    const f = only(run({ evidence, hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]' })] }).findings);
    expect(f.pageUrl).toBe(`${SITE}/`);
  });

  it('leaves the screenshot out when no form action preceded the request', () => {
    const evidence = buildEvidence({ timeline: TIMELINE.slice(0, 1), requests: [request({ id: 'r0001', url: REQUESTS.metaGetWhileTyping.url, afterAction: 0 })] });
    const f = only(run({ evidence, hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]' })] }).findings);
    expect(f.evidence.screenshot).toBeUndefined();
    expect(f.trigger).toBe('page_load');
  });
});

describe('parameterName', () => {
  it('drops the query / form-body prefix only', () => {
    expect(parameterName('query.ud[em]')).toBe('ud[em]');
    expect(parameterName('body.form.ud[em]')).toBe('ud[em]');
    expect(parameterName('body.json.user.email')).toBe('body.json.user.email');
    expect(parameterName('header.referer')).toBe('header.referer');
  });
});
