/*
 * The Aho–Corasick automaton behind matcher.ts, as flat typed arrays.
 *
 * States are numbered breadth-first, so the shallow states — where a scan of ordinary text
 * spends nearly all its time — form a prefix of the ids. Each of them gets a complete row
 * (failure links resolved) with one column per ASCII symbol and a flag bit saying whether a
 * pattern ends in the target: one small-table read per character. Rows are 16-bit and only
 * as wide as the ASCII alphabet the patterns use, because the scan is bound by cache misses
 * on them: random hex and base64 walk all over the top of a trie of thousands of digests.
 * Deeper states keep sparse edges and fall back along failure links; non-ASCII characters
 * take that path too.
 */

/** Depth up to which states get a row, when their targets still fit 15 bits. */
const MAX_DENSE_DEPTH = 3;
/** Row entries are `(target << 1) | flag` in 16 bits. */
const MAX_ROW_TARGET = 0x7fff;

export interface Automaton {
  /** States `0 … denseCount-1` have a row. */
  denseCount: number;
  /** Row width: symbol 0 (in no pattern) plus the ASCII symbols. */
  width: number;
  /** `state * width + symbol` → `(next << 1) | 1 if a pattern ends at next or along its failure chain`. */
  rows: Uint16Array;
  /** Sparse edges of every state: `edgeStart[s] … edgeStart[s+1]-1` index `edgeSym`/`edgeTo`. */
  edgeStart: Int32Array;
  edgeSym: Uint16Array;
  edgeTo: Int32Array;
  fail: Int32Array;
  /** First state at or along the failure chain of a state where a pattern ends (-1: none). */
  report: Int32Array;
  /** For a state where a pattern ends: the next such state along its failure chain. */
  nextReport: Int32Array;
  /** Pattern ending at a state (-1: none). */
  patternAt: Int32Array;
}

interface Trie {
  count: number;
  child: Int32Array;
  sibling: Int32Array;
  label: Uint16Array;
  endOf: Int32Array;
}

/**
 * Trie as child lists (first child / next sibling). Inserting the patterns in sorted order
 * means each one shares its path with the previous one up to their common prefix: no child
 * lookups at all while building.
 */
function buildTrie(patterns: string[], sym: Uint16Array): Trie {
  let total = 1;
  let longest = 0;
  for (const pat of patterns) {
    total += pat.length;
    longest = Math.max(longest, pat.length);
  }
  const child = new Int32Array(total).fill(-1);
  const sibling = new Int32Array(total).fill(-1);
  const label = new Uint16Array(total);
  const endOf = new Int32Array(total).fill(-1);
  const path = new Int32Array(longest + 1);
  const sorted = patterns.map((_, i) => i).sort((x, y) => (patterns[x]! < patterns[y]! ? -1 : 1));
  let count = 1;
  let prev = '';
  for (const p of sorted) {
    const pat = patterns[p]!;
    let common = 0;
    const max = Math.min(prev.length, pat.length);
    while (common < max && prev.charCodeAt(common) === pat.charCodeAt(common)) common++;
    let node = path[common]!;
    for (let k = common; k < pat.length; k++) {
      const c = count++;
      label[c] = sym[pat.charCodeAt(k)]!;
      sibling[c] = child[node]!;
      child[node] = c;
      node = c;
      path[k + 1] = c;
    }
    endOf[node] = p;
    prev = pat;
  }
  return { count, child, sibling, label, endOf };
}

/**
 * Numbers the code units (below `size`) that `patterns` use, ASCII ones first: the fast rows
 * have one column per ASCII symbol. 0 is the symbol of every unit in no pattern.
 */
export function numberSymbols(patterns: readonly string[], size: number): { symOf: Uint16Array; asciiSymbols: number } {
  const used = new Uint8Array(size);
  for (const pat of patterns) for (let k = 0; k < pat.length; k++) used[pat.charCodeAt(k)] = 1;
  const symOf = new Uint16Array(size);
  let symbols = 0;
  for (let u = 0; u < Math.min(128, size); u++) if (used[u]) symOf[u] = ++symbols;
  const asciiSymbols = symbols;
  for (let u = 128; u < size; u++) if (used[u]) symOf[u] = ++symbols;
  return { symOf, asciiSymbols };
}

/**
 * Builds the automaton over distinct, non-empty, case-folded `patterns`. `sym` maps every
 * code unit to its symbol (0: in no pattern, folding case); symbols `1 … asciiSymbols` are
 * the ASCII ones.
 */
export function buildAutomaton(patterns: string[], sym: Uint16Array, asciiSymbols: number): Automaton {
  const { count: n, child, sibling, label, endOf } = buildTrie(patterns, sym);

  // Breadth-first renumbering.
  const order = new Int32Array(n);
  const newId = new Int32Array(n);
  const depth = new Int32Array(n);
  for (let head = 0, tail = 1; head < tail; head++) {
    newId[order[head]!] = head;
    for (let c = child[order[head]!]!; c !== -1; c = sibling[c]!) {
      depth[tail] = depth[head]! + 1;
      order[tail++] = c;
    }
  }
  // Rows for depth ≤ d when every state of depth ≤ d+1 (a row's possible targets) fits.
  const upTo = (d: number): number => {
    let k = 0;
    while (k < n && depth[k]! <= d) k++;
    return k;
  };
  let denseDepth = MAX_DENSE_DEPTH;
  while (denseDepth > 0 && upTo(denseDepth + 1) > MAX_ROW_TARGET + 1) denseDepth--;
  const denseCount = upTo(denseDepth);

  const edgeStart = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) {
    let k = 0;
    for (let c = child[order[s]!]!; c !== -1; c = sibling[c]!) k++;
    edgeStart[s + 1] = edgeStart[s]! + k;
  }
  const edgeSym = new Uint16Array(edgeStart[n]!);
  const edgeTo = new Int32Array(edgeStart[n]!);
  const patternAt = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let e = edgeStart[s]!;
    for (let c = child[order[s]!]!; c !== -1; c = sibling[c]!, e++) {
      edgeSym[e] = label[c]!;
      edgeTo[e] = newId[c]!;
    }
    patternAt[s] = endOf[order[s]!]!;
  }

  const width = asciiSymbols + 1;
  const rows = new Uint16Array(denseCount * width);
  const fail = new Int32Array(n);
  const report = new Int32Array(n).fill(-1);
  const nextReport = new Int32Array(n).fill(-1);
  const delta = (state: number, a: number): number => {
    for (let s = state; ; s = fail[s]!) {
      if (a < width && s < denseCount) return rows[s * width + a]!;
      for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) if (edgeSym[e] === a) return edgeTo[e]!;
      if (s === 0) return 0;
    }
  };
  // In breadth-first order a state's failure target is shallower, hence already complete.
  for (let s = 0; s < n; s++) {
    if (s < denseCount) {
      if (s !== 0) rows.copyWithin(s * width, fail[s]! * width, (fail[s]! + 1) * width);
      for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
        if (edgeSym[e]! < width) rows[s * width + edgeSym[e]!] = edgeTo[e]!;
      }
    }
    for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
      fail[edgeTo[e]!] = s === 0 ? 0 : delta(fail[s]!, edgeSym[e]!);
    }
    const f = s === 0 ? -1 : report[fail[s]!]!;
    nextReport[s] = f;
    report[s] = patternAt[s]! >= 0 ? s : f;
  }
  // Rows hold plain targets while building (failure rows are copied); now add the flag bit.
  for (let i = 0; i < rows.length; i++) rows[i] = (rows[i]! << 1) | (report[rows[i]!]! >= 0 ? 1 : 0);
  return { denseCount, width, rows, edgeStart, edgeSym, edgeTo, fail, report, nextReport, patternAt };
}
