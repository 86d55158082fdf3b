import { kernelOf } from './kernel.js';
import type { MatchResult, Matcher } from './matcher.js';
import type { View } from './types.js';

/*
 * The matcher's search over a request's views, joined by NUL (which no variant contains, so no
 * match spans two views). A request the prefilter could not prove clean holds a hit in a few
 * views at most, and the JS automaton over all of them was most of its cost: the views are
 * taken in chunks, and a chunk in which the WebAssembly kernel finds no pattern at all (no
 * candidate and no compressToUTF16 signal: its sweep finds every occurrence the automaton
 * would, kernel.test.ts) is not searched. A chunk starts right after a NUL, which the
 * token-boundary rule reads as it reads the start of a text, so results are the same.
 */

/** Characters of views per chunk: large enough to keep calls few, small enough to skip most. */
const CHUNK = 2048;

/** Every match of `matcher` in the views joined by NUL (`offsets`: where each view starts), in order. */
export function findInViews(views: readonly View[], offsets: readonly number[], matcher: Matcher): MatchResult[] {
  const k = kernelOf(matcher);
  const joined = (a: number, b: number): string => views.slice(a, b).map((v) => v.text).join('\u0000');
  if (k === undefined) return matcher.find(joined(0, views.length));
  const out: MatchResult[] = [];
  for (let a = 0; a < views.length;) {
    let b = a + 1;
    while (b < views.length && offsets[b]! - offsets[a]! < CHUNK) b++;
    const text = joined(a, b);
    const count = k.writeText(text) ? k.sweep() : undefined;
    if (count === undefined || count < 0) {
      for (const m of matcher.find(text)) out.push({ variant: m.variant, start: m.start + offsets[a]! });
    }
    a = b;
  }
  return out;
}
