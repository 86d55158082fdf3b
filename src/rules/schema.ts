import { z } from 'zod';
import { severities } from '../config/options.js';
import { dataCategories } from '../persona/schema.js';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code such as IE');
const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, e.g. meta-pixel');
const endpointRole = z.enum(['collect', 'loader', 'config']);

/** A regular expression in a string, checked at load time so a typo fails `rules lint`. */
const regexText = z.string().min(1).refine((text) => {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** A legal entity that receives data, with the country whose law it sits under. */
export const vendorSchema = z.strictObject({
  /** Legal name, e.g. `Meta Platforms Ireland Ltd`. */
  name: z.string().min(2),
  country: countryCode,
  /** The parent that may receive the data too (third-country transfers), e.g. Meta Platforms, Inc., US. */
  parent: z.strictObject({ name: z.string().min(2), country: countryCode }).optional(),
});

/**
 * Where an endpoint's hosts are learnt at scan time rather than listed: the body of a response
 * to another rule's endpoint names them (the Meta Pixel's configuration names its Conversions
 * API gateway, whose host says nothing about Meta).
 */
export const discoverySchema = z.strictObject({
  /** Id of the rule whose responses name the hosts, e.g. `meta-pixel`. */
  rule: kebab,
  /** Role of that rule's endpoint whose response body is read. */
  role: endpointRole.default('config'),
  /** Regular expression run over the response body (every match); its first group is a URL or a host name. */
  pattern: regexText,
});

/**
 * Hosts and paths a tracker uses. Hosts are exact, `*.domain`, or `*` (any host: then `params`
 * must say what the request carries, e.g. a first-party server-side tagging proxy recognised
 * by Google's wire format). Paths may use `*`.
 */
export const endpointSchema = z
  .strictObject({
    hosts: z.array(z.string().regex(/^(\*|(\*\.)?[a-z0-9.-]+)$/, 'a host such as www.facebook.com or *.facebook.com')).default([]),
    paths: z.array(z.string().startsWith('/')).optional(),
    /** What the endpoint does: receives events, serves the script, or serves its configuration. */
    role: endpointRole,
    /** Parameter name → regular expression its value must match (query or urlencoded body). */
    params: z.record(z.string(), regexText).optional(),
    /** Hosts learnt from another rule's response (see `discoverySchema`), added to `hosts`. */
    discoveredFrom: discoverySchema.optional(),
  })
  .refine((e) => e.hosts.length > 0 || e.discoveredFrom !== undefined, {
    message: 'an endpoint needs hosts or discoveredFrom',
    path: ['hosts'],
  })
  .refine((e) => !e.hosts.includes('*') || (e.params !== undefined && Object.keys(e.params).length > 0), {
    message: 'a "*" host needs params that recognise the wire format',
    path: ['params'],
  });

/** A request parameter known to carry personal data, and how the vendor treats it. */
export const personalParamSchema = z.strictObject({
  /** Parameter name as it appears in query or form body; `*` matches any run of characters. */
  param: z.string().min(1),
  /** The data category it carries; absent for catch-all patterns such as `udff[*]`. */
  category: z.enum(dataCategories).optional(),
  /** How the vendor sends it: a hash name, or `plain`. */
  hash: z.enum(['plain', 'sha256', 'sha1', 'md5']),
  /** How the hash (or value) is written: lower-case hex, base64, base64url without padding. */
  encoding: z.enum(['hex', 'base64', 'base64url', 'plain']).optional(),
  /** What the vendor does to the value before hashing (WIRE.md), in words. */
  normalization: z.string().optional(),
  meaning: z.string(),
});

/**
 * A configuration fact the rule reads from traffic: from the body of a response to one of its
 * endpoints (Meta's `automaticMatching` block), or from a request parameter (Google's `em=tv.1~…`
 * shows enhanced conversions are on). Each becomes an entry of `findings.json#/facts`.
 */
export const ruleFactSchema = z.strictObject({
  /** Kebab-case id of the fact, the `kind` in `findings.json` (e.g. `automatic-advanced-matching`). */
  kind: kebab,
  /** `response`: a response body; `request`: a request's parameter (or, without `param`, URL and body). */
  source: z.enum(['response', 'request']),
  /** Only endpoints of this role (e.g. `config`). */
  role: endpointRole.optional(),
  /** For `request` facts: the parameter tested (glob, as in `personalDataParams`). */
  param: z.string().optional(),
  /** Regular expression; a match means the fact holds, its first group (if any) is quoted as detail. */
  pattern: regexText,
  severity: z.enum(severities),
  /** The sentence a report prints, e.g. "Automatic advanced matching is switched on". */
  summary: z.string().min(4),
});

/** An example request and what the rule must extract from it; `rules test` runs these. */
export const ruleExampleSchema = z.strictObject({
  request: z.strictObject({
    method: z.string().default('GET'),
    url: z.string().url(),
    body: z.string().optional(),
  }),
  /** Body of the response, for examples of response facts and host discovery. */
  response: z.string().optional(),
  /** Hosts to treat as already discovered (for endpoints with `discoveredFrom`). */
  discovered: z.array(z.string()).optional(),
  expect: z.strictObject({
    role: endpointRole,
    accountId: z.string().optional(),
    event: z.string().optional(),
    /** Parameter (as the request names it) → the category the rule gives it; `null`: carries data, no category. */
    personalData: z.record(z.string(), z.enum(dataCategories).nullable()).optional(),
    /** Kinds of facts the request (and `response`) must yield. */
    facts: z.array(kebab).optional(),
    /** Hosts the `response` must name for other rules' `discoveredFrom` endpoints. */
    discovers: z.array(z.string()).optional(),
  }),
});

/** One tracker, declared in `rules/<id>.json`. The id is the `tracker` value in findings. */
export const ruleSchema = z.strictObject({
  $schema: z.string().optional(),
  id: kebab,
  name: z.string().min(2),
  category: z.enum(['advertising', 'analytics', 'session-recording', 'marketing-automation', 'tag-manager', 'other']),
  vendor: vendorSchema,
  endpoints: z.array(endpointSchema).min(1),
  /** Query/form parameters that carry the account or pixel id. */
  accountIdParams: z.array(z.string()).default([]),
  /** A regular expression on the URL path whose first group is the account id (e.g. config URLs). */
  accountIdPathPattern: regexText.optional(),
  /** Query/form parameters that name the event. */
  eventParams: z.array(z.string()).default([]),
  /** A regular expression on the URL path whose first group is the event (Floodlight's `;cat=`). */
  eventPathPattern: regexText.optional(),
  personalDataParams: z.array(personalParamSchema).default([]),
  /** Configuration facts the rule reads from responses and requests. */
  facts: z.array(ruleFactSchema).default([]),
  docs: z.array(z.string().url()).default([]),
  examples: z.array(ruleExampleSchema).min(1, 'every rule needs at least one example request'),
});

export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type Vendor = z.infer<typeof vendorSchema>;
export type EndpointRole = Rule['endpoints'][number]['role'];
export type RuleFact = Rule['facts'][number];
export type RuleEndpoint = Rule['endpoints'][number];
