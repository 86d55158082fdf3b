import { z } from 'zod';
import { dataCategories } from '../persona/schema.js';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code such as IE');

/** A legal entity that receives data, with the country whose law it sits under. */
export const vendorSchema = z.strictObject({
  /** Legal name, e.g. `Meta Platforms Ireland Ltd`. */
  name: z.string().min(2),
  country: countryCode,
  /** The parent that may receive the data too (third-country transfers), e.g. Meta Platforms, Inc., US. */
  parent: z.strictObject({ name: z.string().min(2), country: countryCode }).optional(),
});

/** Hosts and paths a tracker uses. Hosts are exact or `*.domain`; paths may use `*`. */
export const endpointSchema = z.strictObject({
  hosts: z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+$/, 'a host such as www.facebook.com or *.facebook.com')).min(1),
  paths: z.array(z.string().startsWith('/')).optional(),
  /** What the endpoint does: receives events, serves the script, or serves its configuration. */
  role: z.enum(['collect', 'loader', 'config']),
});

/** A request parameter known to carry personal data, and how the vendor treats it. */
export const personalParamSchema = z.strictObject({
  /** Parameter name as it appears in query or form body; `*` matches any run of characters. */
  param: z.string().min(1),
  /** The data category it carries; absent for catch-all patterns such as `udff[*]`. */
  category: z.enum(dataCategories).optional(),
  /** How the vendor sends it: a hash name, or `plain`. */
  hash: z.enum(['plain', 'sha256', 'sha1', 'md5']),
  /** What the vendor does to the value before hashing (WIRE.md), in words. */
  normalization: z.string().optional(),
  meaning: z.string(),
});

/** An example request and what the rule must extract from it; `rules test` runs these. */
export const ruleExampleSchema = z.strictObject({
  request: z.strictObject({
    method: z.string().default('GET'),
    url: z.string().url(),
    body: z.string().optional(),
  }),
  expect: z.strictObject({
    role: z.enum(['collect', 'loader', 'config']),
    accountId: z.string().optional(),
    event: z.string().optional(),
  }),
});

/** One tracker, declared in `rules/<id>.json`. The id is the `tracker` value in findings. */
export const ruleSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, e.g. meta-pixel'),
  name: z.string().min(2),
  category: z.enum(['advertising', 'analytics', 'session-recording', 'marketing-automation', 'tag-manager', 'other']),
  vendor: vendorSchema,
  endpoints: z.array(endpointSchema).min(1),
  /** Query/form parameters that carry the account or pixel id. */
  accountIdParams: z.array(z.string()).default([]),
  /** A regular expression on the URL path whose first group is the account id (e.g. config URLs). */
  accountIdPathPattern: z.string().optional(),
  /** Query/form parameters that name the event. */
  eventParams: z.array(z.string()).default([]),
  personalDataParams: z.array(personalParamSchema).default([]),
  docs: z.array(z.string().url()).default([]),
  examples: z.array(ruleExampleSchema).min(1, 'every rule needs at least one example request'),
});

export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type Vendor = z.infer<typeof vendorSchema>;
export type EndpointRole = Rule['endpoints'][number]['role'];
