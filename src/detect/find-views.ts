import { kernelOf, type Kernel } from './kernel.js';
import type { MatchResult, Matcher } from './matcher.js';
import type { View } from './types.js';

/*
 * The matcher's search over a request's views, joined by NUL (which no variant contains, so no
 * match spans two views). A request the prefilter could not prove clean holds a hit in a few
 * views at most, and the JS automaton over all of them was most of its cost: the views are
 * taken in chunks, and a chunk in which the WebAssembly kernel finds no pattern at all (no
 * candidate and no compressToUTF16 signal: its sweep finds every occurrence the automaton
 * would, kernel.test.ts) is not searched. A chunk in which it does find one is halved, by
 * views, and each half swept again, down to a few hundred characters or one view: only those
 * pieces are searched in JS. A chunk or piece starts right after a NUL, which the
 * token-boundary rule reads as it reads the start of a text, so results are the same; pieces
 * are searched in order, and no match spans two, so matches come in the same order too.
 */

/** Characters of views per chunk: large enough to keep calls few, small enough to skip most. */
const CHUNK = 2048;
/** Characters below which a chunk the kernel flags is searched in JS whole rather than halved. */
const PIECE = 256;

/** Every match of `matcher` in the views joined by NUL (`offsets`: where each view starts), in order. */
export function findInViews(views: readonly View[], offsets: readonly number[], matcher: Matcher): MatchResult[] {
  const k = kernelOf(matcher);
  const joined = (a: number, b: number): string => views.slice(a, b).map((v) => v.text).join('\u0000');
  if (k === undefined) return matcher.find(joined(0, views.length));
  const out: MatchResult[] = [];
  for (let a = 0; a < views.length;) {
    let b = a + 1;
    while (b < views.length && offsets[b]! - offsets[a]! < CHUNK) b++;
    search(k, matcher, views, offsets, a, b, joined(a, b), out);
    a = b;
  }
  return out;
}

/** The matches in views `a … b` (joined: `text`), appended to `out`; see above. */
function search(k: Kernel, matcher: Matcher, views: readonly View[], offsets: readonly number[], a: number, b: number, text: string, out: MatchResult[]): void {
  const count = k.writeText(text) ? k.sweep() : undefined;
  if (count !== undefined && count >= 0) return;
  if (count !== undefined && b - a > 1 && text.length > PIECE) {
    const mid = (a + b) >> 1;
    const cut = offsets[mid]! - offsets[a]!;
    search(k, matcher, views, offsets, a, mid, text.slice(0, cut - 1), out);
    search(k, matcher, views, offsets, mid, b, text.slice(cut), out);
    return;
  }
  for (const m of matcher.find(text)) out.push({ variant: m.variant, start: m.start + offsets[a]! });
}
