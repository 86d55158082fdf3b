import { createHash } from 'node:crypto';
import type { Evidence, CapturedRequest } from '../evidence/schema.js';
import type { Hit } from '../detect/types.js';
import { describeParam, matchRule, type RuleMatch } from '../rules/match.js';
import type { Rule } from '../rules/schema.js';
import { FINDINGS_SCHEMA_VERSION, type Finding, type FindingsFile } from './finding.js';
import { deriveFacts, discoverFromEvidence, requestBody } from './facts.js';
import type { HarResponses } from './har-responses.js';
import type { RecipientLookup } from './recipients.js';
import { isSameParty, registrableDomain } from '../shared/party.js';
import { leakSeverity } from './severity.js';
import { isBeforeSubmit, triggerOf } from './timing.js';
import { storedStateCitations, type Cited } from './stored-state.js';

export interface JudgeInput {
  evidence: Evidence;
  hits: Hit[];
  rules: readonly Rule[];
  rulesDigest: string;
  /** Time the judgement is made (UTC ISO); injected so `analyze` output is reproducible in tests. */
  now?: string;
  /** Response bodies from the bundle's HAR: configuration facts and discovered hosts need them. */
  responses?: HarResponses;
  /** Owner of a host no rule knows (a tracker database); without it such hosts are named by domain. */
  recipients?: RecipientLookup;
}

const short = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** `query.ud[em]` and `body.form.ud[em]` are the same parameter sent by GET or by POST. */
export function parameterName(viewPath: string): string {
  return viewPath.replace(/^(query|body\.form)\./, '');
}

/** The name a rule documents a parameter under: JSON bodies too (`body.json.a.b` → `a.b`). */
const ruleParamName = (viewPath: string): string => parameterName(viewPath).replace(/^body\.json\./, '');

/** Screenshot of the form the scanner was filling when the request left, if any. */
function screenshotFor(request: CapturedRequest, evidence: Evidence): string | undefined {
  if (request.afterAction === null) return undefined;
  const action = [...evidence.timeline].reverse().find((a) => a.seq <= request.afterAction! && a.formId);
  return action ? evidence.forms.find((f) => f.id === action.formId)?.screenshot : undefined;
}

/**
 * Turns detection hits into findings, and the bundle's traffic into configuration facts. The
 * site's own traffic with plain values (its form endpoint, its page URLs) is not a leak; a
 * first-party request carrying a *hashed* value is, and so is any value sent to a first-party
 * endpoint a rule recognises as a tracker's (server-side tagging, Conversions API gateways).
 */
export function judge(input: JudgeInput): FindingsFile {
  const { evidence, hits, rules } = input;
  const siteHost = new URL(evidence.startUrl).hostname;
  const site = new URL(evidence.startUrl).origin;
  const requests = new Map<string, Cited>([
    ...evidence.requests.map((r, index) => [r.id, { request: r, pointer: `evidence.json#/requests/${index}` }] as const),
    ...storedStateCitations(evidence),
  ]);
  const context = { discovered: discoverFromEvidence(evidence, rules, input.responses) };
  const matches = new Map<string, RuleMatch | undefined>();
  const matchOf = (request: CapturedRequest): RuleMatch | undefined => {
    if (!matches.has(request.id)) matches.set(request.id, matchRule(rules, request.method, request.url, requestBody(request), context));
    return matches.get(request.id);
  };
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const hit of hits) {
    const entry = requests.get(hit.requestId);
    if (!entry) continue;
    const { request, pointer } = entry;
    const host = new URL(request.url).hostname;
    const firstParty = isSameParty(host, siteHost);
    const match = matchOf(request);
    if (firstParty && !hit.hashed && match?.role !== 'collect') continue;
    const key = `${hit.requestId}|${hit.parameter}|${hit.category}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const param = parameterName(hit.parameter);
    const tracker = match?.rule.id ?? 'unknown';
    const owner = match ? undefined : input.recipients?.(host);
    const consent = evidence.consent.state;
    findings.push({
      id: `F-${short(`${hit.requestId}|${hit.parameter}|${hit.field}|${hit.transform.join(',')}`).slice(0, 12)}`,
      // Array positions folded (`Evts[*]`): a recorder's every keystroke batch is the same leak to history.
      fingerprint: short(`${site}|${tracker}|${hit.category}|${param.replace(/\[\d+\]/g, '[*]')}|${hit.transform.join(',')}`),
      site,
      pageUrl: request.pageUrl ?? evidence.startUrl,
      tracker,
      trackerName: match?.rule.name ?? owner?.trackerName ?? registrableDomain(host),
      vendor: match?.rule.vendor ?? (owner?.country ? { name: owner.organization, country: owner.country } : undefined),
      recipientHost: host,
      firstParty,
      accountId: match?.accountId,
      event: match?.event,
      requestId: request.id,
      requestUrl: request.url,
      method: request.method,
      parameter: hit.parameter,
      parameterMeaning: match ? describeParam(match.rule, ruleParamName(hit.parameter))?.meaning : undefined,
      dataCategory: hit.category,
      personaField: hit.field,
      transform: hit.transform,
      hashed: hit.hashed,
      prefix: hit.prefix,
      matched: hit.matched,
      trigger: entry.stored ? 'unknown' : triggerOf(request, evidence.timeline),
      beforeSubmit: isBeforeSubmit(request, evidence.timeline),
      consent,
      delivered: request.outcome.delivered,
      firstSeenAt: request.at,
      severity: leakSeverity(hit.category, consent),
      evidence: {
        request: pointer,
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
    facts: deriveFacts({ evidence, rules, context, responses: input.responses }),
  };
}
