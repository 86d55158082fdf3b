import type { EndpointRole, Rule, RuleEndpoint } from './schema.js';

/** What a rule recognises in one request. */
export interface RuleMatch {
  rule: Rule;
  role: EndpointRole;
  accountId?: string;
  event?: string;
  /** Set when the host was learnt from another rule's response rather than listed. */
  discovered?: DiscoveredHost;
}

/**
 * A host named in a response at scan time (e.g. the Conversions API gateway in a Meta Pixel's
 * configuration), for the endpoints of `ruleId` that declare `discoveredFrom`.
 */
export interface DiscoveredHost {
  /** Rule whose endpoint the host belongs to (e.g. `meta-capi-gateway`). */
  ruleId: string;
  host: string;
  /** Account id of the response that named it (the pixel id of the configuration). */
  accountId?: string;
  /** Captured request whose response named it: the evidence of the attribution. */
  fromRequestId?: string;
}

/** Extra knowledge for matching beyond the rules' own host lists. */
export interface MatchContext {
  discovered?: readonly DiscoveredHost[];
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === pattern;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

const globCache = new Map<string, RegExp>();
/** `*` matches any run of characters; everything else is literal; the whole text must match. */
export function globMatches(glob: string, text: string): boolean {
  let re = globCache.get(glob);
  if (!re) globCache.set(glob, (re = globToRegExp(glob)));
  return re.test(text);
}

/** Parameters of a request: query, then form body (urlencoded) when there is one. */
export function requestParams(url: URL, body?: string): URLSearchParams {
  const params = new URLSearchParams(url.search);
  if (body && /^[^{\[<\s][^\s]*=/.test(body)) {
    for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
  }
  return params;
}

function paramsHold(endpoint: RuleEndpoint, params: URLSearchParams): boolean {
  if (!endpoint.params) return true;
  return Object.entries(endpoint.params).every(([name, pattern]) => {
    const value = params.get(name);
    return value !== null && new RegExp(pattern).test(value);
  });
}

/** How specific an endpoint's host match is: listed host first, then discovered, then `*`. */
function hostTier(endpoint: RuleEndpoint, rule: Rule, host: string, context: MatchContext): { tier: number; discovered?: DiscoveredHost } | undefined {
  if (endpoint.hosts.some((h) => h !== '*' && hostMatches(h, host))) return { tier: 0 };
  if (endpoint.discoveredFrom) {
    const discovered = context.discovered?.find((d) => d.ruleId === rule.id && d.host === host);
    if (discovered) return { tier: 1, discovered };
  }
  if (endpoint.hosts.includes('*')) return { tier: 2 };
  return undefined;
}

/**
 * The rule whose endpoint matches the request's host, path and required parameters, with what
 * it extracts. A listed host wins over a discovered one, and both over a `*` endpoint, so a
 * catch-all rule (server-side tagging on any host) never hides a specific one.
 */
export function matchRule(
  rules: readonly Rule[], method: string, urlText: string, body?: string, context: MatchContext = {},
): RuleMatch | undefined {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return undefined;
  }
  const params = requestParams(url, method === 'GET' ? undefined : body);
  let best: { rule: Rule; endpoint: RuleEndpoint; tier: number; discovered?: DiscoveredHost } | undefined;
  for (const rule of rules) {
    for (const endpoint of rule.endpoints) {
      const tier = hostTier(endpoint, rule, url.hostname, context);
      if (!tier || (best && best.tier <= tier.tier)) continue;
      if (endpoint.paths && !endpoint.paths.some((p) => globMatches(p, url.pathname))) continue;
      if (!paramsHold(endpoint, params)) continue;
      best = { rule, endpoint, ...tier };
    }
    if (best?.tier === 0) break;
  }
  if (!best) return undefined;
  const { rule } = best;
  const fromPath = (pattern?: string): string | undefined =>
    pattern ? new RegExp(pattern).exec(url.pathname)?.[1] : undefined;
  const accountId =
    rule.accountIdParams.map((p) => params.get(p)).find((v): v is string => !!v) ??
    fromPath(rule.accountIdPathPattern) ??
    best.discovered?.accountId;
  const event = rule.eventParams.map((p) => params.get(p)).find((v): v is string => !!v) ?? fromPath(rule.eventPathPattern);
  return { rule, role: best.endpoint.role, accountId, event, ...(best.discovered ? { discovered: best.discovered } : {}) };
}

/** The rule's description of a parameter (`ud[em]`), when it documents it. */
export function describeParam(rule: Rule, param: string): Rule['personalDataParams'][number] | undefined {
  return rule.personalDataParams.find((p) => globMatches(p.param, param));
}
