import { createHash } from 'node:crypto';
import type { Severity } from '../config/options.js';
import type { CapturedRequest, Evidence } from '../evidence/schema.js';
import { discoverHosts, requestFactHits, responseFactHits } from '../rules/facts.js';
import { matchRule, type DiscoveredHost, type MatchContext, type RuleMatch } from '../rules/match.js';
import type { Rule } from '../rules/schema.js';
import { factFingerprint, type Fact } from './fact.js';
import type { HarResponses } from './har-responses.js';

const short = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);

export const requestBody = (request: CapturedRequest): string | undefined =>
  request.bodyBase64 ? Buffer.from(request.bodyBase64, 'base64').toString('utf8') : undefined;

const httpRequests = (evidence: Evidence) => evidence.requests.map((request, index) => ({ request, index })).filter((e) => e.request.channel === 'http');

/**
 * Hosts that responses in the bundle name for `discoveredFrom` endpoints (the gateway host in a
 * Meta Pixel's configuration). Read from the HAR's response bodies, so `analyze` finds them too.
 */
export function discoverFromEvidence(evidence: Evidence, rules: readonly Rule[], responses?: HarResponses): DiscoveredHost[] {
  const sources = new Set(rules.flatMap((r) => r.endpoints.flatMap((e) => (e.discoveredFrom ? [`${e.discoveredFrom.rule}|${e.discoveredFrom.role}`] : []))));
  if (!sources.size || !responses) return [];
  const found: DiscoveredHost[] = [];
  for (const { request } of httpRequests(evidence)) {
    if (request.harIndex === undefined) continue;
    const match = matchRule(rules, request.method, request.url, requestBody(request));
    if (!match || !sources.has(`${match.rule.id}|${match.role}`)) continue;
    const body = responses.body(request.harIndex);
    if (body === undefined) continue;
    for (const d of discoverHosts(rules, match, body, request.id)) {
      if (!found.some((f) => f.ruleId === d.ruleId && f.host === d.host)) found.push(d);
    }
  }
  return found;
}

/** `"em","fn"` (a JSON array's inside) → `em, fn`; other details pass unchanged. */
function tidy(detail: string): string {
  return /^\s*"/.test(detail) ? detail.replace(/["\s]/g, '').split(',').filter(Boolean).join(', ') : detail;
}

export interface FactsInput {
  evidence: Evidence;
  rules: readonly Rule[];
  context: MatchContext;
  responses?: HarResponses;
}

/**
 * Configuration facts of one site: every pixel/tag id in use, the facts rules read from
 * requests and configuration responses, and trackers that loaded before a consent choice that
 * was made later (only then can "before consent" be told apart from "no banner").
 */
export function deriveFacts({ evidence, rules, context, responses }: FactsInput): Fact[] {
  const consentAction = evidence.consent.state === 'none' ? undefined : evidence.timeline.find((a) => a.type === 'consent');
  const site = new URL(evidence.startUrl).origin;
  const facts = new Map<string, Fact>();
  const add = (
    kind: string, match: RuleMatch, request: CapturedRequest, index: number, severity: Severity, detail: string, fromResponse: boolean,
    perAccount = true,
  ): void => {
    const key = `${kind}|${match.rule.id}|${perAccount ? (match.accountId ?? '') : ''}`;
    const existing = facts.get(key);
    if (existing) {
      existing.occurrences += 1;
      return;
    }
    const accountId = perAccount ? match.accountId : undefined;
    facts.set(key, {
      id: `C-${short(key)}`,
      fingerprint: factFingerprint(site, { kind, tracker: match.rule.id, accountId }),
      kind,
      tracker: match.rule.id,
      trackerName: match.rule.name,
      vendor: match.rule.vendor,
      accountId,
      requestId: request.id,
      requestUrl: request.url,
      firstSeenAt: request.at,
      occurrences: 1,
      detail,
      severity,
      evidence: { request: `evidence.json#/requests/${index}`, har: 'requests.har', harEntry: request.harIndex, fromResponse },
    });
  };
  for (const { request, index } of httpRequests(evidence)) {
    const body = requestBody(request);
    const match = matchRule(rules, request.method, request.url, body, context);
    if (!match) continue;
    if (match.accountId) add('tracker-account', match, request, index, 'info', `${match.rule.name} ${match.accountId} is in use on the site`, false);
    for (const hit of requestFactHits(match, request.method, request.url, body)) {
      const detail = hit.detail === undefined ? '' : ` (${tidy(hit.detail)})`;
      add(hit.fact.kind, match, request, index, hit.fact.severity, `${hit.fact.summary}${detail}`, false);
    }
    const responseBody = responses && request.harIndex !== undefined && match.rule.facts.some((f) => f.source === 'response')
      ? responses.body(request.harIndex) : undefined;
    for (const hit of responseBody === undefined ? [] : responseFactHits(match, responseBody)) {
      const detail = hit.detail === undefined ? '' : ` (${tidy(hit.detail)})`;
      add(hit.fact.kind, match, request, index, hit.fact.severity, `${hit.fact.summary}${detail}`, true);
    }
    if (consentAction && (request.afterAction === null || request.afterAction < consentAction.seq)) {
      const choice = evidence.consent.state === 'accepted' ? 'accepted' : 'refused';
      add('loaded-before-consent', match, request, index, 'medium',
        `${match.rule.name} was loaded before the visitor ${choice} consent (choice made at ${consentAction.at})`, false, false);
    }
  }
  return [...facts.values()].sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.id.localeCompare(b.id));
}
