import { describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/rules/load.js';
import { globMatches, matchRule } from '../../../src/rules/match.js';
import { runExample } from '../../../src/rules/examples.js';
import type { Rule, RuleEndpoint } from '../../../src/rules/schema.js';

/**
 * Every bundled rule, checked the way `pixel-audit rules test` checks it: each example must be
 * claimed by its own rule (against the whole set, so a broader rule stealing it shows), with the
 * role, account id, event and personal-data parameters it promises. And no two rules may claim
 * the same host and path: attribution would then depend on file order.
 */
const { rules } = await loadRules();

/** The trackers of issue #5 ("the twenty trackers that matter"), held to its bar for examples. */
const ISSUE_5 = [
  'tiktok-pixel', 'linkedin-insight', 'pinterest-tag', 'snapchat-pixel', 'x-pixel', 'reddit-pixel',
  'microsoft-uet', 'criteo-onetag', 'amazon-ads', 'yandex-metrica', 'taboola-pixel', 'liveramp',
  'marketo-munchkin', 'bizible', 'hotjar', 'fullstory', 'microsoft-clarity', 'klaviyo', 'hubspot',
];

/** A host pattern (`x.com`, `*.x.com`) covers a host or another pattern's base. */
function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*') return false; // catch-all endpoints are ranked last by design
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const base = pattern.slice(2);
  const h = host.startsWith('*.') ? host.slice(2) : host;
  return h === base || h.endsWith(`.${base}`);
}

function pathsOverlap(a: RuleEndpoint, b: RuleEndpoint): string | undefined {
  if (!a.paths && !b.paths) return '(any path)';
  if (!a.paths) return b.paths![0];
  if (!b.paths) return a.paths[0];
  for (const pa of a.paths) for (const pb of b.paths) if (globMatches(pa, pb) || globMatches(pb, pa)) return `${pa} ~ ${pb}`;
  return undefined;
}

/** Host+path claims shared by endpoints of two different rules (endpoints with `params` narrow by wire format and are left out). */
function sharedClaims(all: readonly Rule[]): string[] {
  const out: string[] = [];
  all.forEach((ra, i) => all.slice(i + 1).forEach((rb) => {
    for (const ea of ra.endpoints) for (const eb of rb.endpoints) {
      if (ea.params || eb.params) continue;
      const host = ea.hosts.find((ha) => eb.hosts.some((hb) => hostCovers(ha, hb) || hostCovers(hb, ha)));
      if (!host) continue;
      const path = pathsOverlap(ea, eb);
      if (path) out.push(`${ra.id} and ${rb.id} both claim ${host} ${path}`);
    }
  }));
  return out;
}

describe('bundled rules', () => {
  it('loads the trackers of issue #5 beside the others', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(ISSUE_5));
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it.runIf(ISSUE_5.includes(rule.id))('has two examples or more, one a collect request with personal data, and documentation links', () => {
        expect(rule.examples.length).toBeGreaterThanOrEqual(2);
        const collect = rule.examples.filter((e) => e.expect.role === 'collect');
        expect(collect.length).toBeGreaterThan(0);
        // At least one collect example carries a value the rule documents as personal data.
        expect(collect.some((e) => rule.personalDataParams.some((p) => {
          const text = decodeURIComponent(`${e.request.url} ${e.request.body ?? ''}`);
          const key = p.param.replace(/^body\.(json|form)\./, '').split(/[.[*]/).filter(Boolean).pop()!;
          return text.includes(key);
        }))).toBe(true);
        expect(rule.docs.length).toBeGreaterThan(0);
      });

      rule.examples.forEach((example, index) => {
        it(`example ${index + 1} (${example.request.method} ${example.request.url.slice(0, 60)}…) holds`, () => {
          const { problems } = runExample(rules, rule, example);
          expect(problems).toEqual([]);
          // matchRule on its own agrees on the facts the judge uses.
          const match = matchRule(rules, example.request.method, example.request.url, example.request.body,
            { discovered: (example.discovered ?? []).map((host) => ({ ruleId: rule.id, host })) });
          expect(match?.rule.id).toBe(rule.id);
          expect(match?.role).toBe(example.expect.role);
        });
      });
    });
  }

  it('never lets two rules claim the same host and path', () => {
    expect(sharedClaims(rules)).toEqual([]);
  });

  it('can fail: an overlapping pair of rules is reported', () => {
    const a = rules.find((r) => r.id === 'microsoft-clarity')!;
    const clash: Rule = { ...a, id: 'clash', endpoints: [{ hosts: ['k.clarity.ms'], paths: ['/collect'], role: 'collect' }] };
    expect(sharedClaims([a, clash])).toEqual(['microsoft-clarity and clash both claim *.clarity.ms /collect ~ /collect']);
  });
});
