import type { CapturedRequest } from '../evidence/schema.js';
import type { Persona } from '../persona/schema.js';
import { Matcher } from './matcher.js';
import type { Hit } from './types.js';
import { buildVariants } from './variants.js';
import { requestViews } from './views.js';

/** Options of {@link detectHits}. */
export interface DetectOptions {
  /** Search typed prefixes (keystroke leaks) too. Default true. */
  prefixes?: boolean;
  /**
   * A matcher already built over the persona's variants, to reuse across calls (building
   * one takes some milliseconds). `prefixes` is then ignored.
   */
  matcher?: Matcher;
}

/** Proper ancestors of a view path: `a.b[0].c` → `a`, `a.b`, `a.b[0]`. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < path.length; i++) if (path[i] === '.' || path[i] === '[') out.push(path.slice(0, i));
  return out;
}

const URL_ENCODINGS = new Set(['url', 'url-plus']);

/**
 * Drops hits that another hit explains more precisely:
 * - one on a view whose descendant view has the same field (`query.dl` when
 *   `query.dl.query.email` has it);
 * - a URL-encoded match where a decoded reading of the same parameter held the plain value;
 * - a plain match whose text lies inside a longer match in the same parameter: the full
 *   e-mail over its typed prefix, a full name over the first and last names it contains.
 */
function withoutRedundant(hits: Hit[]): Hit[] {
  const key = (field: string, parameter: string): string => `${field}\u0000${parameter}`;
  const explained = new Set<string>();
  const chains = new Set<string>();
  const byParameter = new Map<string, Hit[]>();
  for (const h of hits) {
    for (const a of ancestors(h.parameter)) explained.add(key(h.field, a));
    chains.add(`${key(h.field, h.parameter)}\u0000${h.transform.join(',')}`);
    const group = byParameter.get(h.parameter) ?? [];
    group.push(h);
    byParameter.set(h.parameter, group);
  }
  const inside = (h: Hit): boolean => {
    const text = h.matched.toLowerCase();
    return byParameter.get(h.parameter)!.some((o) =>
      o.matched.length > h.matched.length && o.matched.toLowerCase().includes(text));
  };
  return hits.filter((h) => {
    if (explained.has(key(h.field, h.parameter))) return false;
    if (!h.hashed && inside(h)) return false;
    const last = h.transform[h.transform.length - 1]!;
    if (!URL_ENCODINGS.has(last)) return true;
    const decoded = h.transform.length === 1 ? ['raw'] : h.transform.slice(0, -1);
    return !chains.has(`${key(h.field, h.parameter)}\u0000${decoded.join(',')}`);
  });
}

/**
 * Hits of a matcher's variants in one request: one per (parameter, field, transform chain),
 * the most specific kept where several explain the same data. A typed prefix counts only as
 * a whole view: a keystroke leak sends the field's value as it stands, while a prefix inside
 * longer text is an ordinary word (`Stockholm` of `Stockholms län`).
 */
export function requestHits(req: CapturedRequest, matcher: Matcher): Hit[] {
  const hits = new Map<string, Hit>();
  for (const view of requestViews(req)) {
    for (const { variant: v, start } of matcher.find(view.text)) {
      if (v.prefix && v.text.length !== view.text.length) continue;
      const k = `${view.path}\u0000${v.field}\u0000${v.transform.join(',')}`;
      if (hits.has(k)) continue;
      hits.set(k, {
        requestId: req.id,
        parameter: view.path,
        field: v.field,
        category: v.category,
        transform: v.transform,
        hashed: v.hashed,
        prefix: v.prefix,
        matched: view.text.slice(start, start + v.text.length),
      });
    }
  }
  return withoutRedundant([...hits.values()]);
}

/**
 * Finds the persona's values — raw, encoded, vendor-normalised, hashed, typed prefixes — in
 * the HTTP requests and WebSocket frames of a scan. Pure: reads the captured requests only.
 * Every host is searched; whether a recipient is a third party is decided later.
 */
export function detectHits(requests: readonly CapturedRequest[], persona: Persona, options: DetectOptions = {}): Hit[] {
  const matcher = options.matcher ?? new Matcher(buildVariants(persona, { prefixes: options.prefixes ?? true }));
  const hits: Hit[] = [];
  for (const req of requests) {
    if (req.channel !== 'http' && req.channel !== 'websocket') continue;
    hits.push(...requestHits(req, matcher));
  }
  return hits;
}
