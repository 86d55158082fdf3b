import type { CapturedRequest } from '../evidence/schema.js';
import type { Matcher } from './matcher.js';
import { DELIM, type Tables } from './sweep.js';
import { isQuietHeader } from './views.js';

/*
 * What the prefilter (prefilter.ts) reads of a request besides its body: the URL and the header
 * values views search, and whether they may be swept as one text.
 */

const SEARCHED = 0;
const QUIET = 1;
const ENCODING = 2;
/** What a header name is to the prefilter, by name as sent: the same few names come with every request. */
const headerKinds = new Map<string, number>();
function headerKind(rawName: string): number {
  let kind = headerKinds.get(rawName);
  if (kind === undefined) {
    const name = rawName.toLowerCase();
    kind = name === 'content-encoding' ? ENCODING : isQuietHeader(name) ? QUIET : SEARCHED;
    if (headerKinds.size < 10_000) headerKinds.set(rawName, kind);
  }
  return kind;
}

/** A request's header values that views search, in order, and its first Content-Encoding. */
export interface Head {
  searched: string[];
  encoding: string | undefined;
}

/** The {@link Head} of a request. */
export function headOf(req: CapturedRequest): Head {
  let encoding: string | undefined;
  const searched: string[] = [];
  for (const rawName in req.headers) {
    const kind = headerKind(rawName);
    if (kind === ENCODING) encoding ??= req.headers[rawName];
    else if (kind === SEARCHED) searched.push(req.headers[rawName]!);
  }
  return { searched, encoding };
}

/** What joins the URL and the header values into one text: a line feed (see {@link joinable}). */
export const SEPARATOR = 0x0a;

const joinableOf = new WeakMap<Matcher, boolean>();

/**
 * Whether the line feed is a delimiter of the matcher's tables and in no variant at all (probes
 * included: they may hold delimiters), so that no match, segment or blob run crosses it.
 */
export function joinable(matcher: Matcher, t: Tables): boolean {
  let ok = joinableOf.get(matcher);
  if (ok === undefined) {
    ok = t.tab[SEPARATOR]! >>> 16 === DELIM >>> 16 && !matcher.variants.some((v) => v.text.includes('\n'));
    joinableOf.set(matcher, ok);
  }
  return ok;
}
