import { createHash } from 'node:crypto';
import type { Evidence, CapturedRequest } from '../evidence/schema.js';
import type { Hit } from '../detect/types.js';
import { describeParam, matchRule } from '../rules/match.js';
import type { Rule } from '../rules/schema.js';
import { FINDINGS_SCHEMA_VERSION, type Finding, type FindingsFile } from './finding.js';
import { isSameParty, registrableDomain } from '../shared/party.js';
import { leakSeverity } from './severity.js';
import { isBeforeSubmit, triggerOf } from './timing.js';

export interface JudgeInput {
  evidence: Evidence;
  hits: Hit[];
  rules: readonly Rule[];
  rulesDigest: string;
  /** Time the judgement is made (UTC ISO); injected so `analyze` output is reproducible in tests. */
  now?: string;
}

const short = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** `query.ud[em]` and `body.form.ud[em]` are the same parameter sent by GET or by POST. */
export function parameterName(viewPath: string): string {
  return viewPath.replace(/^(query|body\.form)\./, '');
}

function decodeBody(request: CapturedRequest): string | undefined {
  return request.bodyBase64 ? Buffer.from(request.bodyBase64, 'base64').toString('utf8') : undefined;
}

/** Screenshot of the form the scanner was filling when the request left, if any. */
function screenshotFor(request: CapturedRequest, evidence: Evidence): string | undefined {
  if (request.afterAction === null) return undefined;
  const action = [...evidence.timeline].reverse().find((a) => a.seq <= request.afterAction! && a.formId);
  return action ? evidence.forms.find((f) => f.id === action.formId)?.screenshot : undefined;
}

/**
 * Turns detection hits into findings. The site's own traffic with plain values (its form
 * endpoint, its page URLs) is not a leak; a first-party request carrying a *hashed* value is
 * (Conversions API gateways and server-side tagging proxies look first-party).
 */
export function judge(input: JudgeInput): FindingsFile {
  const { evidence, hits, rules } = input;
  const siteHost = new URL(evidence.startUrl).hostname;
  const site = new URL(evidence.startUrl).origin;
  const requests = new Map(evidence.requests.map((r, index) => [r.id, { request: r, index }]));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const hit of hits) {
    const entry = requests.get(hit.requestId);
    if (!entry) continue;
    const { request, index } = entry;
    const host = new URL(request.url).hostname;
    const firstParty = isSameParty(host, siteHost);
    if (firstParty && !hit.hashed) continue;
    const key = `${hit.requestId}|${hit.parameter}|${hit.category}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const match = matchRule(rules, request.method, request.url, decodeBody(request));
    const param = parameterName(hit.parameter);
    const tracker = match?.rule.id ?? 'unknown';
    const consent = evidence.consent.state;
    findings.push({
      id: `F-${short(`${hit.requestId}|${hit.parameter}|${hit.field}|${hit.transform.join(',')}`).slice(0, 12)}`,
      fingerprint: short(`${site}|${tracker}|${hit.category}|${param}|${hit.transform.join(',')}`),
      site,
      pageUrl: request.pageUrl ?? evidence.startUrl,
      tracker,
      trackerName: match?.rule.name ?? registrableDomain(host),
      vendor: match?.rule.vendor,
      recipientHost: host,
      firstParty,
      accountId: match?.accountId,
      event: match?.event,
      requestId: request.id,
      requestUrl: request.url,
      method: request.method,
      parameter: hit.parameter,
      parameterMeaning: match ? describeParam(match.rule, param)?.meaning : undefined,
      dataCategory: hit.category,
      personaField: hit.field,
      transform: hit.transform,
      hashed: hit.hashed,
      prefix: hit.prefix,
      matched: hit.matched,
      trigger: triggerOf(request, evidence.timeline),
      beforeSubmit: isBeforeSubmit(request, evidence.timeline),
      consent,
      delivered: request.outcome.delivered,
      firstSeenAt: request.at,
      severity: leakSeverity(hit.category, consent),
      evidence: {
        request: `evidence.json#/requests/${index}`,
        har: 'requests.har',
        harEntry: request.harIndex,
        screenshot: screenshotFor(request, evidence),
      },
    });
  }
  findings.sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.id.localeCompare(b.id));
  return {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    site,
    generatedAt: input.now ?? new Date().toISOString(),
    rulesDigest: input.rulesDigest,
    couldNotAssess: [...new Set(evidence.errors.map((e) => e.stage))],
    findings,
  };
}
