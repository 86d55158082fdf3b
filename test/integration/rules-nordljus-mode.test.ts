import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteReport } from '../../src/report/run-summary.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/**
 * The Swedish fashion shop fixture: a member-club sign-up handed on submit to TikTok, Pinterest,
 * Snap, Criteo and Klaviyo — each our own imitation sending its vendor's documented wire format.
 * One scan (real Chromium, loopback only); one test per tracker rule.
 */
type Finding = SiteReport['findings'][number];

describe('tracker rules on the Nordljus Mode shop (TikTok, Pinterest, Snap, Criteo, Klaviyo)', () => {
  let server: FixtureServer;
  let report: SiteReport;

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, [server.sites['nordljus-mode']!], { maxPages: 2 });
    report = result.reports[0]!;
  }, 120_000);
  afterAll(() => server?.close());

  /** Findings of one tracker at one parameter for one data category. */
  const found = (tracker: string, parameter: string, category: string): Finding[] =>
    report.findings.filter((f) => f.tracker === tracker && f.parameter === parameter && f.dataCategory === category);

  it('scans the start page and the sign-up form, and the shop itself receives nothing', () => {
    expect(report.summary.status).toBe('ok');
    expect(report.summary.forms).toBe(1);
    expect(server.formPosts('nordljus-mode')).toEqual([]);
  });

  it('TikTok Pixel: ttq.identify sends SHA-256 e-mail and E.164 phone under context.user', () => {
    const email = found('tiktok-pixel', 'body.json.context.user.email', 'email');
    expect(email.length).toBeGreaterThan(0);
    expect(email[0]).toMatchObject({
      vendor: { name: 'TikTok Technology Limited', country: 'IE' }, recipientHost: 'analytics.tiktok.com',
      method: 'POST', hashed: true, trigger: 'submit', beforeSubmit: false,
      transform: ['normalize:email', 'sha256', 'hex'],
    });
    expect(email[0]!.parameterMeaning).toMatch(/identify/);
    expect(found('tiktok-pixel', 'body.json.context.user.phone_number', 'phone')[0]?.transform)
      .toEqual(['normalize:phone-e164', 'sha256', 'hex']);
  });

  it('Pinterest Tag: enhanced match sends the SHA-256 e-mail as pd {"em": …} with the tag id', () => {
    const [f] = found('pinterest-tag', 'query.pd.json.em', 'email');
    expect(f).toMatchObject({
      vendor: { name: 'Pinterest Europe Ltd.', country: 'IE' }, accountId: '2614395870213', event: 'signup',
      hashed: true, transform: ['normalize:email', 'sha256', 'hex'], trigger: 'submit',
    });
  });

  it('Snap Pixel: u_hem and u_hpn (SHA-256 of e-mail and of phone digits with country code) in a form POST', () => {
    const [em] = found('snapchat-pixel', 'body.form.u_hem', 'email');
    expect(em).toMatchObject({
      vendor: { name: 'Snap B.V.', country: 'NL' }, method: 'POST', event: 'SIGN_UP',
      accountId: '4f2c81d3-9a57-4e0b-b6c2-71e3d05a8f94', hashed: true,
    });
    expect(found('snapchat-pixel', 'body.form.u_hpn', 'phone')[0]?.transform).toEqual(['normalize:phone-e164-digits', 'sha256', 'hex']);
  });

  it('Criteo OneTag: setEmail puts the SHA-256 e-mail in an event part (p1 → m=[…])', () => {
    const [f] = found('criteo-onetag', 'query.p1.form.m', 'email');
    expect(f).toMatchObject({ vendor: { name: 'Criteo SA', country: 'FR' }, accountId: '48213', hashed: true, transform: ['normalize:email', 'sha256', 'hex'] });
  });

  it('Klaviyo: identify sends $email and names in clear inside the base64 `data` parameter', () => {
    const [f] = found('klaviyo', 'query.data.b64.json.properties.$email', 'email');
    expect(f).toMatchObject({ vendor: { name: 'Klaviyo, Inc.', country: 'US' }, recipientHost: 'a.klaviyo.com', hashed: false, transform: ['raw'], trigger: 'submit' });
    expect(f!.parameterMeaning).toMatch(/identify/);
    expect(found('klaviyo', 'query.data.b64.json.properties.$first_name', 'first_name')).not.toEqual([]);
  });
});
