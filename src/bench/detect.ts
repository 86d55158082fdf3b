/**
 * Detection benchmark (`npm run bench:detect`; `BENCH_MB=16` for a smaller corpus): builds a
 * persona's variants, generates in memory a corpus of realistic tracker requests (Meta /tr
 * GETs, GA4 batches, JSON beacons; 1 % carrying the persona's hashes), and reports the
 * throughput of the whole detection stage on one core — the one-pass prefilter (prefilter.ts,
 * its pass in the WebAssembly kernel), decoding into views, matching — as the median of five
 * runs after a warm-up and the fastest of them (the nearest to the code's own cost where other
 * work shares the core), with a breakdown (prefilter alone, also with the JS sweep; the one pass
 * per request part, kernel and JS; the automaton alone) and a machine reference to read it
 * against, run after each end-to-end run so that each figure has its ratio to the reference
 * timed moments apart. Each figure is given in wall-clock time and in the process's CPU time
 * (`process.cpuUsage`): on a shared machine the second is the steadier one, the ratio more so.
 */
import { createHash } from 'node:crypto';
import { requestHits } from '../detect/detect.js';
import { Matcher } from '../detect/matcher.js';
import { provablyClean } from '../detect/prefilter.js';
import { kernelOf } from '../detect/kernel.js';
import { headOf, SEPARATOR } from '../detect/request-head.js';
import { sweep, tables } from '../detect/sweep.js';
import { buildVariants } from '../detect/variants.js';
import type { CapturedRequest } from '../evidence/schema.js';
import { corpus, persona, pick, sha256, sizeOf } from './detect-corpus.js';

const RUNS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall-clock and CPU time of a piece of work, in ms. */
interface Timing {
  wall: number;
  cpu: number;
  /** The fastest run's CPU time: on a shared machine, the nearest to what the code costs with a core to itself. */
  fastestCpu: number;
}

/** Median times of `RUNS` runs of `work`, after one untimed run to warm the JIT up; `after` gets each run's CPU time. */
function timed(work: () => void, after?: (cpuMs: number) => void): Timing {
  work();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    work();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
    after?.(cpus.at(-1)!);
  }
  return { wall: median(walls), cpu: median(cpus), fastestCpu: Math.min(...cpus) };
}

const mbs = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const rate = (bytes: number, t: Timing): string =>
  `${mbs(bytes, t.wall).toFixed(0)} MB/s (CPU time: ${mbs(bytes, t.cpu).toFixed(0)} MB/s)`;

/**
 * The end-to-end figure of one matcher, and the same against the reference loop (see
 * {@link Reference}) run right after each timed run: on a shared machine the speed of both
 * moves with the neighbours, the ratio of each pair much less.
 */
function run(label: string, matcher: Matcher, requests: CapturedRequest[], bytes: number, ref: Reference): void {
  let hits = 0;
  const ratios: number[] = [];
  const refs: number[] = [];
  const t = timed(() => {
    hits = 0;
    for (const r of requests) hits += requestHits(r, matcher).length;
  }, (cpu) => {
    refs.push(mbs(ref.size, ref.pass()));
    ratios.push(mbs(bytes, cpu) / refs.at(-1)!);
  });
  console.log(`${label}: ${matcher.variants.length} variants, ${rate(bytes, t)} (median of ${RUNS}: ${t.wall.toFixed(0)} ms; `
    + `fastest run ${mbs(bytes, t.fastestCpu).toFixed(0)} MB/s CPU time), ${hits} hits; `
    + `the reference loop run after each at ${median(refs).toFixed(0)} MB/s (CPU time), this ${median(ratios).toFixed(2)} of it (medians of the ${RUNS} pairs)`);
}

/** Where the time goes: the one-pass prefilter alone, and the requests it cannot prove clean. */
function breakdown(matcher: Matcher, requests: CapturedRequest[], bytes: number): void {
  let dirty: CapturedRequest[] = [];
  const prefilterMs = timed(() => {
    dirty = requests.filter((r) => !provablyClean(r, matcher));
  });
  const dirtyBytes = dirty.reduce((n, r) => n + sizeOf(r), 0);
  const viewsMs = timed(() => {
    for (const r of dirty) requestHits(r, matcher);
  });
  const jsMs = timed(() => {
    for (const r of requests) sink(provablyClean(r, matcher, { kernel: false }) ? 1 : 0);
  });
  console.log(`  prefilter alone: ${rate(bytes, prefilterMs)} (CPU ${prefilterMs.cpu.toFixed(0)} ms; with the JS sweep instead of the kernel: `
    + `${rate(bytes, jsMs)}); `
    + `${dirty.length} requests (${(dirtyBytes / 1e6).toFixed(2)} MB) not proven clean, decoded into views in CPU ${viewsMs.cpu.toFixed(0)} ms`);
  parts(matcher, requests);
  // The ceiling of the one pass: the automaton alone over the same texts, already decoded from base64.
  const texts = requests.flatMap((r) => [r.url, ...Object.values(r.headers), Buffer.from(r.bodyBase64 ?? '', 'base64').toString('utf8')]);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  let candidates = 0;
  const scanMs = timed(() => {
    candidates = texts.filter((t) => matcher.mayMatch(t)).length;
  });
  console.log(`  automaton alone (no decoding, every header): ${rate(chars, scanMs)}; ${candidates} texts with a candidate`);
}

/**
 * The prefilter's one pass over each part of the requests as they are: the WebAssembly kernel
 * (kernel.ts; bodies straight from base64 into its memory) and the JS sweep it replaces
 * (sweep.ts, the reference and fallback; bodies decoded to text first). The rest of the
 * prefilter's time is following marked segments and blob runs, and per-request work.
 */
function parts(matcher: Matcher, requests: CapturedRequest[]): void {
  const t = tables(matcher);
  const k = kernelOf(matcher);
  // The URL and searched header values of each request as one text, as the prefilter sweeps them (request-head.ts).
  const heads = requests.map((r) => [r.url, ...headOf(r).searched].join(String.fromCharCode(SEPARATOR)));
  const bodies = requests.flatMap((r) => (r.bodyBase64 === undefined ? [] : [r.bodyBase64]));
  const texts = bodies.map((b) => Buffer.from(b, 'base64').toString('utf8'));
  const size = (xs: string[]): number => xs.reduce((n, x) => n + x.length, 0);
  const line = (xs: string[], work: (x: string) => number, bytes = size(xs)): string => {
    const time = timed(() => {
      for (const x of xs) sink(work(x));
    });
    return `${(bytes / 1e6).toFixed(1)} MB at ${rate(bytes, time)}, CPU ${time.cpu.toFixed(0)} ms`;
  };
  if (k !== undefined) {
    const text = (x: string): number => (k.writeText(x) ? k.sweep() ?? 0 : 0);
    const body = (x: string): number => (k.writeBase64(x) ? k.sweep() ?? 0 : 0);
    console.log(`  one-pass sweep, WebAssembly kernel: request heads (URL and searched headers, one text each) ${line(heads, text)}; `
      + `bodies from base64 ${line(bodies, body, size(texts))}`);
  } else {
    console.log('  one-pass sweep, WebAssembly kernel: not available here');
  }
  const js = (x: string): number => sweep(x, t);
  const decode = timed(() => {
    for (const b of bodies) sink(Buffer.from(b, 'base64').toString('utf8').length);
  });
  console.log(`  one-pass sweep, JS (reference): request heads ${line(heads, js)}; bodies ${line(texts, js)}; `
    + `bodies from base64 to text: CPU ${decode.cpu.toFixed(0)} ms`);
}

/** Where a loop's result goes, so the optimiser cannot drop the loop. */
let blackhole = 0;
/** Into {@link blackhole}, kept a small integer: a sum grown into a heap number would cost an allocation per call. */
const sink = (x: number): void => {
  blackhole = (blackhole ^ x) & 0x3fffffff;
};

/**
 * The simplest possible scan (one table read per character) over part of the corpus: the
 * ceiling any JavaScript matcher can reach on this machine, to read the figures above against.
 */
class Reference {
  private readonly table = new Uint16Array(0x10000).map((_, i) => i & 0xff);

  constructor(private readonly text: string) {}

  get size(): number {
    return this.text.length;
  }

  /** One pass; its CPU time in ms. */
  pass(): number {
    const { text, table } = this;
    // A local sum: adding to the module's `blackhole` at every character made it a heap number
    // past 2^30 and the loop allocate one per character (earlier figures timed that, a slower loop).
    let sum = 0;
    const c0 = process.cpuUsage();
    for (let i = 0; i < text.length; i++) sum += table[text.charCodeAt(i)]!;
    const c = process.cpuUsage(c0);
    sink(sum);
    return (c.user + c.system) / 1000;
  }

  /** Its own figure, as the others are timed. */
  report(): void {
    const t = timed(() => this.pass());
    console.log(`reference: a bare one-table-read-per-character loop runs at ${rate(this.size, t)} here`);
  }
}

function main(): void {
  const canary = persona(1);
  let t0 = performance.now();
  const variants = buildVariants(canary, { prefixes: true });
  const variantMs = performance.now() - t0;
  t0 = performance.now();
  const single = new Matcher(variants);
  const matcherMs = performance.now() - t0;
  console.log(`persona variants: ${variants.length} (build ${variantMs.toFixed(1)} ms; matcher ${matcherMs.toFixed(1)} ms, ${single.stateCount} states)`);
  // Three personas at once: the ≥ 5,000-variant case (e.g. re-analysing several sites' runs).
  t0 = performance.now();
  const many = new Matcher([1, 2, 3].flatMap((n) => (n === 1 ? variants : buildVariants(persona(n), { prefixes: true }))));
  console.log(`3-persona matcher: ${many.variants.length} variants, ${many.stateCount} states (build ${(performance.now() - t0).toFixed(1)} ms)`);

  const leaksPool = [sha256(canary.email), sha256('0701214567'), createHash('sha256').update(canary.email).digest('base64url')];
  t0 = performance.now();
  const { requests, bytes, leaks } = corpus(() => pick(leaksPool));
  console.log(`corpus: ${requests.length} requests, ${(bytes / 1e6).toFixed(1)} MB, ${leaks} carrying a persona hash `
    + `(generated in ${(performance.now() - t0).toFixed(0)} ms)`);
  const ref = new Reference(requests.slice(0, 2000).map((r) => r.url + (r.bodyBase64 ?? '')).join('\n'));
  ref.pass();
  run('single persona', single, requests, bytes, ref);
  breakdown(single, requests, bytes);
  run('3 personas', many, requests, bytes, ref);
  ref.report();
}

main();
