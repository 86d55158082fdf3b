import { beforeAll, describe, expect, it } from 'vitest';
import { discoverHosts, requestFactHits, responseFactHits } from '../../../src/rules/facts.js';
import { loadRules } from '../../../src/rules/load.js';
import { matchRule } from '../../../src/rules/match.js';
import { ruleSchema, type Rule, type RuleInput } from '../../../src/rules/schema.js';

let rules: Rule[];
const byId = (id: string): Rule => rules.find((r) => r.id === id)!;
const PIXEL = '1234567890123456';
const EM_B64URL = 'huC55WwXzE0SOH4ZSbhQU_vnO8POWhGIcTqdMAzGEz0';

beforeAll(async () => {
  rules = (await loadRules()).rules;
});

const rule = (over: Partial<RuleInput>): Rule => ruleSchema.parse({
  id: 'example', name: 'Example', category: 'analytics', vendor: { name: 'Example AB', country: 'SE' },
  endpoints: [{ hosts: ['x.example.test'], role: 'collect' }],
  examples: [{ request: { url: 'https://x.example.test/' }, expect: { role: 'collect' } }],
  ...over,
});

describe('Meta Pixel configuration facts', () => {
  // The real configuration's shape (config.set(id, plugin, {...})) and our fixture's (registerConfig JSON).
  const realShape = `config.set("${PIXEL}", "automaticMatching", {"selectedMatchKeys":["em","fn","ph"]});\n` +
    `config.set("${PIXEL}", "openbridge", {"endpoints":[{"endpoint":"https:\\/\\/capig.shop-gateway.test\\/"}]});`;
  const fixtureShape = `f.registerConfig("${PIXEL}",{"pixelId":"${PIXEL}","blockHeadless":true,"automaticMatching":{"selectedMatchKeys":["em","ph"]},"openbridge":{"endpoints":[{"endpoint":"https://capig.datapipe-eu.test/"}]}});`;
  const config = () => matchRule(rules, 'GET', `https://connect.facebook.net/signals/config/${PIXEL}?v=2.9.177&r=stable`)!;

  it('reads automatic advanced matching and its keys from either shape', () => {
    expect(responseFactHits(config(), realShape).map((h) => [h.fact.kind, h.detail])).toEqual([
      ['automatic-advanced-matching', '"em","fn","ph"'],
      ['conversions-api-gateway', 'https://capig.shop-gateway.test/'],
    ]);
    expect(responseFactHits(config(), fixtureShape)[0]).toMatchObject({ fact: { kind: 'automatic-advanced-matching', severity: 'medium' } });
  });

  it('finds no fact in a configuration without those blocks, nor in a /tr request', () => {
    expect(responseFactHits(config(), `f.registerConfig("${PIXEL}",{"pixelId":"${PIXEL}","blockHeadless":true});`)).toEqual([]);
    const tr = matchRule(rules, 'GET', `https://www.facebook.com/tr/?id=${PIXEL}&ev=PageView`)!;
    expect(responseFactHits(tr, realShape)).toEqual([]);
  });

  it('discovers the gateway host for meta-capi-gateway, unescaping \\/ and keeping the pixel id', () => {
    expect(discoverHosts(rules, config(), realShape, 'r0007')).toEqual([
      { ruleId: 'meta-capi-gateway', host: 'capig.shop-gateway.test', accountId: PIXEL, fromRequestId: 'r0007' },
    ]);
    expect(discoverHosts(rules, config(), fixtureShape).map((d) => d.host)).toEqual(['capig.datapipe-eu.test']);
  });
});

describe('matching with discovered hosts, "*" hosts and path patterns', () => {
  const body = `{"event_name":"Lead","fb.advanced_matching":{"em":"${'a'.repeat(64)}"}}`;

  it('attributes a discovered gateway host to meta-capi-gateway with the pixel id of the configuration', () => {
    const discovered = [{ ruleId: 'meta-capi-gateway', host: 'capig.datapipe-eu.test', accountId: PIXEL }];
    const match = matchRule(rules, 'POST', 'https://capig.datapipe-eu.test/events', body, { discovered });
    expect(match).toMatchObject({ rule: { id: 'meta-capi-gateway' }, role: 'collect', accountId: PIXEL, discovered: discovered[0] });
    // Without the configuration the host is nobody's.
    expect(matchRule(rules, 'POST', 'https://capig.datapipe-eu.test/events', body)).toBeUndefined();
  });

  it('recognises server-side GTM on any host by its wire format only', () => {
    expect(matchRule(rules, 'GET', 'https://metrics.example.se/g/collect?v=2&tid=G-AB12CD34EF&en=page_view')).toMatchObject({
      rule: { id: 'google-sgtm' }, accountId: 'G-AB12CD34EF', event: 'page_view',
    });
    expect(matchRule(rules, 'GET', 'https://metrics.example.se/g/collect?v=1&tid=UA-1-1')).toBeUndefined();
    expect(matchRule(rules, 'GET', 'https://metrics.example.se/g/collect')).toBeUndefined();
  });

  it('prefers a listed host over a "*" endpoint whatever the rule order', () => {
    const url = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-AB12CD34EF&en=page_view';
    const sgtmFirst = [byId('google-sgtm'), ...rules.filter((r) => r.id !== 'google-sgtm')];
    expect(matchRule(sgtmFirst, 'GET', url)?.rule.id).toBe('google-analytics');
  });

  it('reads Floodlight account and event from ;src= and ;cat= in the path', () => {
    expect(matchRule(rules, 'GET', 'https://ad.doubleclick.net/activity;src=8815520;type=kontakt;cat=lead0;ord=1?')).toMatchObject({
      rule: { id: 'google-floodlight' }, accountId: '8815520', event: 'lead0',
    });
  });
});

describe('request facts', () => {
  it('tells enhanced conversions from an em=tv.1~ parameter, and not without one', () => {
    const url = `https://www.google.com/pagead/1p-conversion/123456789/?label=x&em=tv.1~em.${EM_B64URL}`;
    const match = matchRule(rules, 'GET', url)!;
    expect(requestFactHits(match, 'GET', url).map((h) => h.fact.kind)).toEqual(['enhanced-conversions']);
    const plain = 'https://www.google.com/pagead/1p-conversion/123456789/?label=x';
    expect(requestFactHits(matchRule(rules, 'GET', plain)!, 'GET', plain)).toEqual([]);
  });

  it('reads a urlencoded POST body and quotes the first group', () => {
    const r = rule({ facts: [{ kind: 'user-id-sent', source: 'request', param: 'u*', pattern: '^(\\w{3})', severity: 'low', summary: 'A user id is sent' }] });
    const match = { rule: r, role: 'collect' as const };
    expect(requestFactHits(match, 'POST', 'https://x.example.test/c', 'uid=abc123')).toEqual([{ fact: r.facts[0], detail: 'abc' }]);
    expect(requestFactHits(match, 'GET', 'https://x.example.test/c', 'uid=abc123')).toEqual([]);
  });
});

describe('rule schema additions', () => {
  it('needs params on a "*" host, hosts or discoveredFrom on every endpoint, and valid regular expressions', () => {
    const bad = (endpoints: unknown) => ruleSchema.safeParse({ ...rule({}), endpoints }).error?.issues[0];
    expect(bad([{ hosts: ['*'], role: 'collect' }])).toMatchObject({ path: ['endpoints', 0, 'params'], message: 'a "*" host needs params that recognise the wire format' });
    expect(bad([{ role: 'collect' }])).toMatchObject({ path: ['endpoints', 0, 'hosts'], message: 'an endpoint needs hosts or discoveredFrom' });
    expect(bad([{ hosts: ['a.test'], role: 'collect', params: { v: '(' } }])).toMatchObject({ message: 'not a valid regular expression' });
    expect(bad([{ role: 'collect', discoveredFrom: { rule: 'meta-pixel', pattern: '"endpoint":"([^"]+)"' } }])).toBeUndefined();
  });

  it('keeps old rules valid: every new field is optional with a default', () => {
    const parsed = rule({});
    expect(parsed.facts).toEqual([]);
    expect(parsed.endpoints[0]).toEqual({ hosts: ['x.example.test'], role: 'collect' });
  });
});
