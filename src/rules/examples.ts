import { discoverHosts, requestFactHits, responseFactHits } from './facts.js';
import { describeParam, matchRule, requestParams, type DiscoveredHost } from './match.js';
import type { Rule } from './schema.js';

type Example = Rule['examples'][number];

/** What a rule extracted from one of its examples, in the shape of `expect`. */
export interface ExampleOutcome {
  matchedRule?: string;
  role?: string;
  accountId?: string;
  event?: string;
  personalData: Record<string, string | null>;
  facts: string[];
  discovers: string[];
}

/** Runs one example against the whole rule set (so a broader rule stealing it is caught). */
export function runExample(rules: readonly Rule[], rule: Rule, example: Example): { outcome: ExampleOutcome; problems: string[] } {
  const { method, url, body } = example.request;
  const discovered: DiscoveredHost[] = (example.discovered ?? []).map((host) => ({ ruleId: rule.id, host }));
  const match = matchRule(rules, method, url, body, { discovered });
  const outcome: ExampleOutcome = { matchedRule: match?.rule.id, role: match?.role, accountId: match?.accountId, event: match?.event, personalData: {}, facts: [], discovers: [] };
  if (match) {
    let params: URLSearchParams | undefined;
    try {
      params = requestParams(new URL(url), method === 'GET' ? undefined : body);
    } catch {
      params = undefined;
    }
    for (const name of new Set(params?.keys() ?? [])) {
      const described = describeParam(match.rule, name);
      if (described) outcome.personalData[name] = described.category ?? null;
    }
    outcome.facts = requestFactHits(match, method, url, body).map((h) => h.fact.kind);
    if (example.response !== undefined) {
      outcome.facts.push(...responseFactHits(match, example.response).map((h) => h.fact.kind));
      outcome.discovers = discoverHosts(rules, match, example.response).map((d) => d.host);
    }
  }
  const problems: string[] = [];
  const { expect } = example;
  if (outcome.matchedRule !== rule.id) problems.push(`matched ${outcome.matchedRule ?? 'no rule'}, expected ${rule.id}`);
  for (const key of ['role', 'accountId', 'event'] as const) {
    if (expect[key] !== outcome[key]) problems.push(`${key}: expected ${JSON.stringify(expect[key])}, got ${JSON.stringify(outcome[key])}`);
  }
  for (const [param, category] of Object.entries(expect.personalData ?? {})) {
    if (!(param in outcome.personalData)) problems.push(`personalData: ${param} not recognised`);
    else if (outcome.personalData[param] !== category) problems.push(`personalData: ${param}: expected ${category}, got ${outcome.personalData[param]}`);
  }
  for (const kind of expect.facts ?? []) if (!outcome.facts.includes(kind)) problems.push(`facts: ${kind} not found`);
  for (const kind of outcome.facts) if (expect.facts && !expect.facts.includes(kind)) problems.push(`facts: unexpected ${kind}`);
  for (const host of expect.discovers ?? []) if (!outcome.discovers.includes(host)) problems.push(`discovers: ${host} not found`);
  return { outcome, problems };
}
