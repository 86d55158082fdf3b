import type { EndpointRole, Rule } from './schema.js';

/** What a rule recognises in one request. */
export interface RuleMatch {
  rule: Rule;
  role: EndpointRole;
  accountId?: string;
  event?: string;
}

function hostMatches(pattern: string, host: string): boolean {
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
function globMatches(glob: string, text: string): boolean {
  let re = globCache.get(glob);
  if (!re) globCache.set(glob, (re = globToRegExp(glob)));
  return re.test(text);
}

/** Parameters of a request: query, then form body (urlencoded) when there is one. */
function requestParams(url: URL, body?: string): URLSearchParams {
  const params = new URLSearchParams(url.search);
  if (body && /^[^{\[<\s][^\s]*=/.test(body)) {
    for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
  }
  return params;
}

/** The first rule whose endpoint matches the request's host and path, with what it extracts. */
export function matchRule(rules: readonly Rule[], method: string, urlText: string, body?: string): RuleMatch | undefined {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return undefined;
  }
  for (const rule of rules) {
    const endpoint = rule.endpoints.find(
      (e) =>
        e.hosts.some((h) => hostMatches(h, url.hostname)) &&
        (!e.paths || e.paths.some((p) => globMatches(p, url.pathname))),
    );
    if (!endpoint) continue;
    const params = requestParams(url, method === 'GET' ? undefined : body);
    const accountId =
      rule.accountIdParams.map((p) => params.get(p)).find((v): v is string => !!v) ??
      (rule.accountIdPathPattern ? new RegExp(rule.accountIdPathPattern).exec(url.pathname)?.[1] : undefined);
    const event = rule.eventParams.map((p) => params.get(p)).find((v): v is string => !!v);
    return { rule, role: endpoint.role, accountId, event };
  }
  return undefined;
}

/** The rule's description of a parameter (`ud[em]`), when it documents it. */
export function describeParam(rule: Rule, param: string): Rule['personalDataParams'][number] | undefined {
  return rule.personalDataParams.find((p) => globMatches(p.param, param));
}
