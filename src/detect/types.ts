import type { DataCategory } from '../persona/schema.js';

/**
 * One searchable form of a persona value: the value after a chain of transforms, e.g.
 * `["normalize:email", "sha256", "hex"]`. The chain lets a reader recompute it by hand.
 */
export interface Variant {
  /** The exact text searched for. */
  text: string;
  /** Persona field it derives from (`email`, `phone`, `nationalIds.SE`, …). */
  field: string;
  category: DataCategory;
  /** Transforms applied to the persona value, first to last. */
  transform: string[];
  /** True when a hash function is in the chain. */
  hashed: boolean;
  /** Whether matching may ignore case (hex digests, plain text) or must be exact (base64). */
  caseSensitive: boolean;
  /** True for a strict prefix of a typed value (keystroke leak). */
  prefix: boolean;
  /**
   * A short plain value matched only as the whole value of a view whose key names its
   * category (`…em.pc0`, `ud[zp]`): never searched in text (keyed.ts).
   */
  keyed?: boolean;
  /** Searched only to tell the prefilter a keyed value may be present (`~pc0.11350`); never a hit. */
  probe?: boolean;
}

/** One decoded, searchable part of a captured request, with the path that names it. */
export interface View {
  /** Where in the request: `query.ud[em]`, `body.form.ud[em]`, `body.json.user.email`, `header.referer`. */
  path: string;
  text: string;
}

/** A variant found in a view of a request: the raw material of a finding. */
export interface Hit {
  requestId: string;
  /** View path (the parameter, in findings). */
  parameter: string;
  field: string;
  category: DataCategory;
  transform: string[];
  hashed: boolean;
  prefix: boolean;
  /** The matched text, as it appears in the view. */
  matched: string;
}
