import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteReport } from '../../src/report/run-summary.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/**
 * The Norwegian dental-clinic fixture: Hotjar (fields allowlisted with data-hj-allow) and
 * Microsoft Clarity (masking "relaxed") record the typing before any submit; Microsoft UET,
 * Reddit and X receive the e-mail address on submit. One scan; one test per tracker rule.
 */
type Finding = SiteReport['findings'][number];

describe('tracker rules on the Fjordtann clinic (Hotjar, Clarity, UET, Reddit, X)', () => {
  let server: FixtureServer;
  let report: SiteReport;

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, [server.sites.fjordtann!], { maxPages: 2 });
    report = result.reports[0]!;
  }, 120_000);
  afterAll(() => server?.close());

  const found = (tracker: string, parameter: string | RegExp, category: string): Finding[] =>
    report.findings.filter((f) => f.tracker === tracker && f.dataCategory === category &&
      (typeof parameter === 'string' ? f.parameter === parameter : parameter.test(f.parameter)));
  /** The full value (not a typed prefix) of a field, as a recorder sent it. */
  const whole = (fs: Finding[]): Finding[] => fs.filter((f) => !f.prefix);

  it('scans the booking form, and the clinic itself receives nothing', () => {
    expect(report.summary.status).toBe('ok');
    expect(report.summary.forms).toBe(1);
    expect(server.formPosts('fjordtann')).toEqual([]);
  });

  it('Hotjar: keystrokes in allowlisted fields go out in clear (gzip JSON) before submit', () => {
    const email = whole(found('hotjar', /^body\.json\.events\[\d+\]\.value$/, 'email'));
    expect(email.length).toBeGreaterThan(0);
    expect(email[0]).toMatchObject({
      vendor: { name: 'Hotjar Ltd', country: 'MT' }, recipientHost: 'content.hotjar.io', accountId: '3518264',
      method: 'POST', hashed: false, beforeSubmit: true,
    });
    expect(whole(found('hotjar', /^body\.json\.events\[\d+\]\.value$/, 'phone'))).not.toEqual([]);
    // Typed prefixes show the recording happened key by key.
    expect(found('hotjar', /^body\.json\.events/, 'email').some((f) => f.prefix)).toBe(true);
    // The date of birth is not allowlisted: Hotjar suppressed it.
    expect(found('hotjar', /.*/, 'date_of_birth')).toEqual([]);
  });

  it('Microsoft Clarity: relaxed masking records every field in the gzip session upload before submit', () => {
    const email = whole(found('microsoft-clarity', /^body\.json\.p\[\d+\]\[3\]$/, 'email'));
    expect(email.length).toBeGreaterThan(0);
    expect(email[0]).toMatchObject({
      vendor: { name: 'Microsoft Ireland Operations Limited', country: 'IE' }, recipientHost: 'k.clarity.ms',
      hashed: false, beforeSubmit: true,
    });
    expect(whole(found('microsoft-clarity', /^body\.json\.p\[/, 'date_of_birth'))).not.toEqual([]);
  });

  it('Microsoft UET: enhanced conversions send em = SHA-256 of the e-mail with the lead event', () => {
    const [f] = found('microsoft-uet', 'query.em', 'email');
    expect(f).toMatchObject({
      vendor: { name: 'Microsoft Ireland Operations Limited', country: 'IE' }, accountId: '187364521',
      event: 'submit_lead_form', hashed: true, transform: ['normalize:email', 'sha256', 'hex'], trigger: 'submit', beforeSubmit: false,
    });
  });

  it('Reddit Pixel: advanced matching sends em in clear', () => {
    const [f] = found('reddit-pixel', 'query.em', 'email');
    expect(f).toMatchObject({
      vendor: { name: 'Reddit, Inc.', country: 'US' }, recipientHost: 'alb.reddit.com', accountId: 'a2_fjd82kq0xz1m',
      event: 'Lead', hashed: false, transform: ['raw'],
    });
  });

  it('X Pixel: email_address (SHA-256) inside the event JSON, to analytics.twitter.com and t.co', () => {
    const fs = found('x-pixel', 'query.event.json.email_address', 'email');
    expect(new Set(fs.map((f) => f.recipientHost))).toEqual(new Set(['analytics.twitter.com', 't.co']));
    expect(fs[0]).toMatchObject({
      vendor: { name: 'Twitter International Unlimited Company', country: 'IE' }, accountId: 'p4k2m',
      hashed: true, transform: ['normalize:email', 'sha256', 'hex'],
    });
  });
});
