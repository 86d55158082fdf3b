import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/judge/fact.js';
import { formatFacts, formatSiteReport } from '../../../src/report/terminal.js';

const T = '2026-03-01T10:00:00.000Z';
const fact = (over: Partial<Fact>): Fact => ({
  id: 'C-1', kind: 'tracker-account', tracker: 'meta-pixel', trackerName: 'Meta Pixel', accountId: '582716304958172', requestId: 'r0001',
  requestUrl: 'https://connect.facebook.net/signals/config/582716304958172', firstSeenAt: T, occurrences: 1,
  detail: 'Meta Pixel 582716304958172 is in use on the site', severity: 'info',
  evidence: { request: 'evidence.json#/requests/0', har: 'requests.har', fromResponse: false }, ...over,
});

describe('facts in the terminal summary', () => {
  const facts = [
    fact({}),
    fact({ tracker: 'google-ads', trackerName: 'Google Ads conversion tracking', accountId: '482913756' }),
    fact({ kind: 'automatic-advanced-matching', severity: 'medium', detail: 'Automatic advanced matching is switched on: em, ph' }),
  ];

  it('lists the ids in use on one line and each deviation with its severity', () => {
    expect(formatFacts(facts)).toEqual([
      '  in use: Meta Pixel 582716304958172, Google Ads conversion tracking 482913756',
      '  ! Meta Pixel 582716304958172: Automatic advanced matching is switched on: em, ph [medium]',
    ]);
    expect(formatFacts([])).toEqual([]);
  });

  it('prints them under a site without leaks too', () => {
    const text = formatSiteReport({
      findings: [], facts,
      summary: { input: 'https://www.auto-forsakring.test/', site: 'https://www.auto-forsakring.test', status: 'ok', pages: 2, forms: 1, requests: 9, findings: 0, startedAt: T, endedAt: T },
    });
    expect(text.split('\n')).toEqual([
      '✓ https://www.auto-forsakring.test — no leak found (2 page(s), 1 form(s), 9 request(s))',
      '  in use: Meta Pixel 582716304958172, Google Ads conversion tracking 482913756',
      '  ! Meta Pixel 582716304958172: Automatic advanced matching is switched on: em, ph [medium]',
    ]);
  });
});
