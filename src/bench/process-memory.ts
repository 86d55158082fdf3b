import { readdirSync, readFileSync } from 'node:fs';

/** Memory of a process tree at one moment, in bytes. */
export interface TreeMemory {
  /** Sum of VmRSS: what `ps` shows, with pages shared between Chromium's processes counted in each. */
  rss: number;
  /** Sum of Pss (smaps_rollup): shared pages split between the processes that share them. */
  pss: number;
  processes: number;
  /** Pss by kind of process (node, browser, renderer, gpu, network, storage, other utility…). */
  pssByKind: Record<string, number>;
  /** Renderer processes at that moment: one per site instance (a page, a cross-site iframe). */
  renderers: number;
}

function parentOf(pid: string): number | undefined {
  try {
    // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so split after the last `)`.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function kib(file: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `root` and all its descendants (Node, Chromium's browser, renderer, GPU and utility processes). */
export function processTree(root = process.pid): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** What a process of the tree is, from its command line (Chromium names its type with `--type=`). */
export function processKind(pid: number, root = process.pid): string {
  if (pid === root) return 'node';
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return 'gone';
  }
  const type = /--type=([\w-]+)/.exec(cmd)?.[1];
  if (type === 'utility') return /--utility-sub-type=(?:network|storage|audio)\./.exec(cmd)?.[0].slice(19, -1) ?? 'utility';
  if (type) return type.replace(/-process$/, '');
  return /crashpad/.test(cmd) ? 'crashpad' : /chrom/i.test(cmd) ? 'browser' : 'other';
}

export function treeMemory(root = process.pid): TreeMemory {
  const pids = processTree(root);
  let rss = 0;
  let pss = 0;
  let renderers = 0;
  const pssByKind: Record<string, number> = {};
  for (const pid of pids) {
    rss += kib(`/proc/${pid}/status`, 'VmRSS');
    const own = kib(`/proc/${pid}/smaps_rollup`, 'Pss');
    pss += own;
    const kind = processKind(pid, root);
    if (kind === 'renderer') renderers += 1;
    pssByKind[kind] = (pssByKind[kind] ?? 0) + own;
  }
  return { rss, pss, processes: pids.length, pssByKind, renderers };
}

/** Samples the tree's memory every `intervalMs` until stopped; keeps the peaks. */
export class MemorySampler {
  /** Peaks of each figure; `pssByKind` and `renderers` are those of the sample with the peak Pss. */
  readonly peak: TreeMemory = { rss: 0, pss: 0, processes: 0, pssByKind: {}, renderers: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 250, private readonly root = process.pid) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  sample(): void {
    const now = treeMemory(this.root);
    this.peak.rss = Math.max(this.peak.rss, now.rss);
    if (now.pss > this.peak.pss) Object.assign(this.peak, { pss: now.pss, pssByKind: now.pssByKind, renderers: now.renderers });
    this.peak.processes = Math.max(this.peak.processes, now.processes);
  }

  stop(): TreeMemory {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
