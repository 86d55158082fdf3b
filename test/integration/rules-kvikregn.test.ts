import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteReport } from '../../src/report/run-summary.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/**
 * The Danish SaaS fixture: a demo-request form. FullStory records the typing before submit; the
 * LinkedIn Insight Tag, Marketo Munchkin, Marketo Measure (Bizible) and HubSpot (tracking code
 * and collected forms) receive the lead on submit. One scan; one test per tracker rule.
 */
type Finding = SiteReport['findings'][number];

describe('tracker rules on the Kvikregn demo request (LinkedIn, Marketo, Bizible, HubSpot, FullStory)', () => {
  let server: FixtureServer;
  let report: SiteReport;

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, [server.sites.kvikregn!], { maxPages: 2 });
    report = result.reports[0]!;
  }, 120_000);
  afterAll(() => server?.close());

  const found = (tracker: string, parameter: string | RegExp, category: string): Finding[] =>
    report.findings.filter((f) => f.tracker === tracker && f.dataCategory === category &&
      (typeof parameter === 'string' ? f.parameter === parameter : parameter.test(f.parameter)));
  const ADOBE = { name: 'Adobe Systems Software Ireland Limited', country: 'IE' };

  it('scans the demo form, and the company itself receives nothing', () => {
    expect(report.summary.status).toBe('ok');
    expect(report.summary.forms).toBe(1);
    expect(server.formPosts('kvikregn')).toEqual([]);
  });

  it('FullStory: input changes go out in clear in recording bundles before submit', () => {
    const email = found('fullstory', /^body\.json\.Evts\[\d+\]\.Args\[1\]$/, 'email').filter((f) => !f.prefix);
    expect(email.length).toBeGreaterThan(0);
    expect(email[0]).toMatchObject({
      vendor: { name: 'FullStory, Inc.', country: 'US' }, recipientHost: 'rs.fullstory.com', accountId: 'o-1KV9RG-eu1',
      hashed: false, beforeSubmit: true, trigger: expect.stringMatching(/^(input|blur)$/),
    });
    expect(found('fullstory', /^body\.json\.Evts/, 'phone').filter((f) => !f.prefix)).not.toEqual([]);
  });

  it('LinkedIn Insight Tag: the enhanced conversion carries hem = SHA-256 of the e-mail', () => {
    const [f] = found('linkedin-insight', 'query.hem', 'email');
    expect(f).toMatchObject({
      vendor: { name: 'LinkedIn Ireland Unlimited Company', country: 'IE' }, accountId: '5839214', event: '14582033',
      hashed: true, transform: ['normalize:email', 'sha256', 'hex'], trigger: 'submit',
    });
  });

  it('Marketo Munchkin: associateLead sends the lead fields in clear (_mchAtEmail, names)', () => {
    const [f] = found('marketo-munchkin', 'query._mchAtEmail', 'email');
    expect(f).toMatchObject({ vendor: ADOBE, recipientHost: '418-kvr-602.mktoresp.com', accountId: '418-KVR-602', event: 'associateLead', hashed: false });
    expect(found('marketo-munchkin', 'query._mchAtLastName', 'last_name')).not.toEqual([]);
  });

  it('Bizible: the form submit maps the visitor to the typed e-mail (mapValue) and sends the other fields', () => {
    const [f] = found('bizible', 'query.mapValue', 'email');
    expect(f).toMatchObject({ vendor: ADOBE, recipientHost: 'cdn.bizible.com', hashed: false, trigger: 'submit' });
    expect(found('bizible', 'query.formData.form.telefon', 'phone')).not.toEqual([]);
  });

  it('HubSpot: collected forms POST every field in clear, and identify puts the e-mail in `i`', () => {
    const [f] = found('hubspot', 'body.json.contactFields.email', 'email');
    expect(f).toMatchObject({ vendor: { name: 'HubSpot Ireland Limited', country: 'IE' }, recipientHost: 'forms.hscollectedforms.net', method: 'POST', hashed: false });
    expect(found('hubspot', 'body.json.formValues.besked', 'free_text')).not.toEqual([]);
    expect(found('hubspot', 'query.i.form.email', 'email')[0]).toMatchObject({ accountId: '26471903', recipientHost: 'track.hubspot.com' });
  });
});
