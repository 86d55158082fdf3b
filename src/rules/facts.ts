import { globMatches, requestParams, type DiscoveredHost, type RuleMatch } from './match.js';
import type { Rule, RuleFact } from './schema.js';

/** A rule's fact found in one request or response: what `findings.json#/facts` is built from. */
export interface RuleFactHit {
  fact: RuleFact;
  /** The pattern's first group, when it has one (e.g. the AAM match keys). */
  detail?: string;
}

/** Undoes the escaping a URL gets inside JavaScript or JSON text (`https:\/\/capig…`). */
function unescapeJs(text: string): string {
  return text.replace(/\\\//g, '/').replace(/\\u002[fF]/g, '/');
}

/** A URL or a bare host name → lower-case host, or undefined when it is neither. */
function hostOf(text: string): string | undefined {
  const clean = unescapeJs(text.trim());
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(clean) ? clean : `https://${clean}`).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hosts a response names for other rules' `discoveredFrom` endpoints: the body of the response
 * to `match` (e.g. the Meta Pixel's configuration) run through each such endpoint's pattern.
 */
export function discoverHosts(
  rules: readonly Rule[], match: Pick<RuleMatch, 'rule' | 'role' | 'accountId'>, responseBody: string, fromRequestId?: string,
): DiscoveredHost[] {
  const out: DiscoveredHost[] = [];
  for (const rule of rules) {
    for (const endpoint of rule.endpoints) {
      const from = endpoint.discoveredFrom;
      if (!from || from.rule !== match.rule.id || from.role !== match.role) continue;
      for (const m of responseBody.matchAll(new RegExp(from.pattern, 'g'))) {
        const host = m[1] === undefined ? undefined : hostOf(m[1]);
        if (!host || out.some((d) => d.ruleId === rule.id && d.host === host)) continue;
        out.push({ ruleId: rule.id, host, accountId: match.accountId, ...(fromRequestId ? { fromRequestId } : {}) });
      }
    }
  }
  return out;
}

const roleFits = (fact: RuleFact, match: Pick<RuleMatch, 'role'>): boolean => !fact.role || fact.role === match.role;

/** Facts of the matched rule that the request itself shows (a parameter's value, or URL and body). */
export function requestFactHits(match: Pick<RuleMatch, 'rule' | 'role'>, method: string, urlText: string, body?: string): RuleFactHit[] {
  const facts = match.rule.facts.filter((f) => f.source === 'request' && roleFits(f, match));
  if (!facts.length) return [];
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return [];
  }
  const params = requestParams(url, method === 'GET' ? undefined : body);
  const hits: RuleFactHit[] = [];
  for (const fact of facts) {
    const re = new RegExp(fact.pattern);
    const values = fact.param
      ? [...params].filter(([name]) => globMatches(fact.param!, name)).map(([, value]) => value)
      : [`${urlText}\n${body ?? ''}`];
    const m = values.map((v) => re.exec(v)).find((x) => x !== null);
    if (m) hits.push({ fact, ...(m[1] !== undefined ? { detail: m[1] } : {}) });
  }
  return hits;
}

/** Facts of the matched rule that the response body shows (e.g. AAM on in the configuration). */
export function responseFactHits(match: Pick<RuleMatch, 'rule' | 'role'>, responseBody: string): RuleFactHit[] {
  const hits: RuleFactHit[] = [];
  for (const fact of match.rule.facts) {
    if (fact.source !== 'response' || !roleFits(fact, match)) continue;
    const m = new RegExp(fact.pattern).exec(responseBody);
    if (m) hits.push({ fact, ...(m[1] !== undefined ? { detail: unescapeJs(m[1]) } : {}) });
  }
  return hits;
}
