/**
 * Wall time spent per phase of a scan (navigation, waits, typing, screenshots, sitemap, bundle
 * writing, judging), summed over every site: the benchmark prints it to show where a scan's
 * time goes beyond a bare browser script's. Off unless `PIXEL_AUDIT_PHASES=1` or a benchmark
 * turns it on; when off, `time` is a plain call.
 */
export class PhaseClock {
  enabled = process.env.PIXEL_AUDIT_PHASES === '1';
  private readonly totals = new Map<string, { ms: number; count: number }>();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    if (!this.enabled) return work();
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - start);
    }
  }

  add(phase: string, ms: number): void {
    const entry = this.totals.get(phase) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count += 1;
    this.totals.set(phase, entry);
  }

  /** Phases by total time, largest first, and clears them for the next measurement. */
  take(): Array<{ phase: string; ms: number; count: number }> {
    const out = [...this.totals].map(([phase, t]) => ({ phase, ...t })).sort((a, b) => b.ms - a.ms);
    this.totals.clear();
    return out;
  }
}

/** The process's one clock: phases of concurrent sites add up (wall time summed over sites). */
export const phases = new PhaseClock();
