import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/rules/load.js';
import { runExample } from '../../../src/rules/examples.js';
import { describeParam, matchRule } from '../../../src/rules/match.js';
import type { Rule } from '../../../src/rules/schema.js';

let rules: Rule[];
let meta: Rule;
const PIXEL = '1234567890123456';
const EM = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';

beforeAll(async () => {
  rules = (await loadRules()).rules;
  meta = rules.find((r) => r.id === 'meta-pixel')!;
});

describe('matchRule', () => {
  it('recognises a Meta GET /tr/ with account id and event from the query', () => {
    const match = matchRule(rules, 'GET', `https://www.facebook.com/tr/?id=${PIXEL}&ev=PageView&dl=https%3A%2F%2Fwww.example.se%2F&ud[em]=${EM}`);
    expect(match?.rule.id).toBe('meta-pixel');
    expect(match).toMatchObject({ role: 'collect', accountId: PIXEL, event: 'PageView' });
  });

  it('reads account id and event from a urlencoded POST body', () => {
    const body = `id=${PIXEL}&ev=Lead&rqm=formPOST&udff%5Bem%5D=${EM}`;
    const match = matchRule(rules, 'POST', 'https://www.facebook.com/tr/', body);
    expect(match?.rule.id).toBe('meta-pixel');
    expect(match).toMatchObject({ role: 'collect', accountId: PIXEL, event: 'Lead' });
  });

  it('ignores a body on GET and a body that is not urlencoded', () => {
    expect(matchRule(rules, 'GET', 'https://www.facebook.com/tr/', `id=${PIXEL}&ev=Lead`)).toMatchObject({ accountId: undefined, event: undefined });
    expect(matchRule(rules, 'POST', 'https://www.facebook.com/tr/', `{"id":"${PIXEL}","ev":"Lead"}`)).toMatchObject({ accountId: undefined, event: undefined });
  });

  it('prefers the query over the body when both name the account', () => {
    expect(matchRule(rules, 'POST', `https://www.facebook.com/tr?id=111&ev=PageView`, `id=222&ev=Lead`)).toMatchObject({ accountId: '111', event: 'PageView' });
  });

  it('takes the account id from the config path', () => {
    const match = matchRule(rules, 'GET', `https://connect.facebook.net/signals/config/${PIXEL}?v=2.9.177&r=stable`);
    expect(match).toMatchObject({ role: 'config', accountId: PIXEL, event: undefined });
    expect(match?.rule.id).toBe('meta-pixel');
  });

  it('tells the loader from the config endpoint on the same host', () => {
    expect(matchRule(rules, 'GET', 'https://connect.facebook.net/en_US/fbevents.js')).toMatchObject({ role: 'loader', accountId: undefined });
  });

  it('does not match other hosts, look-alikes or other paths', () => {
    expect(matchRule(rules, 'GET', `https://www.example.se/tr/?id=${PIXEL}&ev=PageView`)).toBeUndefined();
    expect(matchRule(rules, 'GET', `https://www.facebook.com.evil.test/tr/?id=${PIXEL}`)).toBeUndefined();
    expect(matchRule(rules, 'GET', `https://notfacebook.com/tr/?id=${PIXEL}`)).toBeUndefined();
    expect(matchRule(rules, 'GET', 'https://www.facebook.com/login/')).toBeUndefined();
    expect(matchRule(rules, 'GET', 'not a url')).toBeUndefined();
  });

  it('matches *.domain hosts on the domain and its subdomains only', () => {
    const wildcard = { ...meta, id: 'wild', endpoints: [{ hosts: ['*.tracker.test'], role: 'collect' as const }] };
    expect(matchRule([wildcard], 'GET', 'https://tracker.test/x')?.rule.id).toBe('wild');
    expect(matchRule([wildcard], 'GET', 'https://a.b.tracker.test/x')?.rule.id).toBe('wild');
    expect(matchRule([wildcard], 'GET', 'https://eviltracker.test/x')).toBeUndefined();
  });

  it('runs every example the bundled rules ship with', () => {
    for (const rule of rules) {
      for (const example of rule.examples) {
        expect(runExample(rules, rule, example).problems, `${rule.id}: ${example.request.url}`).toEqual([]);
      }
    }
  });
});

describe('describeParam', () => {
  it('finds an exact parameter', () => {
    expect(describeParam(meta, 'ud[em]')).toMatchObject({ category: 'email', hash: 'sha256', meaning: 'Advanced matching: e-mail address' });
    expect(describeParam(meta, 'ud[ph]')?.meaning).toBe('Advanced matching: phone number');
  });

  it('prefers the exact entry listed before a wildcard, and uses the wildcard otherwise', () => {
    expect(describeParam(meta, 'udff[em]')?.meaning).toBe('Automatic advanced matching: e-mail read from the form');
    expect(describeParam(meta, 'udff[zp]')).toEqual({ param: 'udff[*]', hash: 'sha256', meaning: 'Automatic advanced matching: a value read from the form' });
  });

  it('treats brackets literally and anchors the whole name', () => {
    expect(describeParam(meta, 'udffxem]')).toBeUndefined();
    expect(describeParam(meta, 'xud[em]')).toBeUndefined();
    expect(describeParam(meta, 'ud[em]x')).toBeUndefined();
    expect(describeParam(meta, 'dl')).toBeUndefined();
  });
});
