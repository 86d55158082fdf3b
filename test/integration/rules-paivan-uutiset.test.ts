import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteReport } from '../../src/report/run-summary.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/**
 * The Finnish news-site fixture: a newsletter sign-up. Yandex Metrica's Session Replay records
 * the typing (base64 in a form POST) before submit and gets user parameters on submit; Taboola,
 * LiveRamp and Amazon Ads receive hashed e-mail on submit. One scan; one test per tracker rule.
 */
type Finding = SiteReport['findings'][number];

describe('tracker rules on Päivän Uutiset (Yandex Metrica, Taboola, LiveRamp, Amazon Ads)', () => {
  let server: FixtureServer;
  let report: SiteReport;

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, [server.sites['paivan-uutiset']!], { maxPages: 2 });
    report = result.reports[0]!;
  }, 120_000);
  afterAll(() => server?.close());

  const found = (tracker: string, parameter: string | RegExp, category: string): Finding[] =>
    report.findings.filter((f) => f.tracker === tracker && f.dataCategory === category &&
      (typeof parameter === 'string' ? f.parameter === parameter : parameter.test(f.parameter)));

  it('scans the newsletter form, and the newspaper itself receives nothing', () => {
    expect(report.summary.status).toBe('ok');
    expect(report.summary.forms).toBe(1);
    expect(server.formPosts('paivan-uutiset')).toEqual([]);
  });

  it('Yandex Metrica: Session Replay sends typed values (base64 wv-data) before submit; userParams in site-info', () => {
    const replay = found('yandex-metrica', /^body\.form\.wv-data\.b64\.json\[\d+\]\[3\]$/, 'email').filter((f) => !f.prefix);
    expect(replay.length).toBeGreaterThan(0);
    expect(replay[0]).toMatchObject({
      vendor: { name: 'Yandex LLC', country: 'RU' }, recipientHost: 'mc.yandex.ru', accountId: '96384217',
      method: 'POST', hashed: false,
    });
    // Replay batches leave on a 500 ms timer: some of the typing (at least a prefix) goes out
    // before the submit click, whatever the machine's load; the complete value may follow it.
    const typing = found('yandex-metrica', /^body\.form\.wv-data\.b64\.json\[\d+\]\[3\]$/, 'email');
    expect(typing.some((f) => f.beforeSubmit)).toBe(true);
    expect(found('yandex-metrica', 'query.site-info.json.__ymu.email', 'email')[0]).toMatchObject({ trigger: 'submit', beforeSubmit: false });
  });

  it('Taboola Pixel: unified_id is the SHA-256 of the lower-cased e-mail', () => {
    const [f] = found('taboola-pixel', 'query.unified_id', 'email');
    expect(f).toMatchObject({
      vendor: { name: 'Taboola, Inc.', country: 'US' }, accountId: '1719482', event: 'complete_registration',
      hashed: true, transform: ['normalize:email', 'sha256', 'hex'],
    });
  });

  it('LiveRamp: the match-partner pixel sends partner_uid = SHA-1 of the e-mail', () => {
    const [f] = found('liveramp', 'query.partner_uid', 'email');
    expect(f).toMatchObject({
      vendor: { name: 'LiveRamp, Inc.', country: 'US' }, recipientHost: 'idsync.rlcdn.com', accountId: '713984',
      hashed: true, transform: ['normalize:email', 'sha1', 'hex'],
    });
  });

  it('Amazon Ads: the Ad Tag sends the SHA-256 e-mail as an EMAIL match key', () => {
    const [f] = found('amazon-ads', 'query.hashedRecords.json[0].value', 'email');
    expect(f).toMatchObject({
      vendor: { name: 'Amazon Europe Core S.à r.l.', country: 'LU' }, recipientHost: 'aax-eu.amazon-adsystem.com',
      accountId: '5f3c2b19-8e0d-4c6a-9b71-2d4e6f8a0c13', event: 'SignUp', hashed: true, transform: ['normalize:email', 'sha256', 'hex'],
    });
  });
});
