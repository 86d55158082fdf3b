/** What the progress line knows. Times are milliseconds (`Date.now()`). */
export interface ProgressState {
  total: number;
  /** Sites finished, those taken over from an interrupted run included. */
  done: number;
  /** Sites that were already done when this process started (`--resume`): they say nothing about speed. */
  doneBefore: number;
  findings: number;
  startedAt: number;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/**
 * `[7/20 sites] 12 finding(s) · 3m 10s elapsed · ETA 5m 40s`. The ETA is the wall-clock time per
 * site so far times the sites left, which already accounts for sites scanned at once.
 */
export function formatProgress(state: ProgressState, now: number): string {
  const elapsed = now - state.startedAt;
  const doneHere = state.done - state.doneBefore;
  const left = state.total - state.done;
  const eta = left === 0 ? 'done' : doneHere > 0 ? `ETA ${duration((elapsed / doneHere) * left)}` : 'ETA …';
  return `[${state.done}/${state.total} sites] ${state.findings} finding(s) · ${duration(elapsed)} elapsed · ${eta}`;
}

/** The part of a stream the progress line needs (process.stderr in the CLI). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * One line at the bottom of a terminal, redrawn in place. On anything that is not a terminal
 * (a pipe, a log file, cron's mail) it writes nothing of its own, and `log` lines pass through
 * unchanged: a nightly job's log must not fill up with carriage returns.
 */
export class ProgressLine {
  private readonly state: ProgressState;
  private readonly active: boolean;
  private timer?: NodeJS.Timeout;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    total: number,
    /** Sites (and their findings) already done by the interrupted run this one resumes. */
    before: { sites: number; findings: number } = { sites: 0, findings: 0 },
    private readonly now = Date.now,
  ) {
    this.state = { total, done: before.sites, doneBefore: before.sites, findings: before.findings, startedAt: now() };
    this.active = stream.isTTY === true;
    if (this.active) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
      this.draw();
    }
  }

  /** Counts a finished site. */
  site(findings: number): void {
    this.state.done += 1;
    this.state.findings += findings;
    this.draw();
  }

  /** Writes a line above the progress line (or plainly, when there is none). */
  log(line: string): void {
    this.clear();
    this.stream.write(`${line}\n`);
    this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private draw(): void {
    if (!this.active || !this.timer) return;
    const text = formatProgress(this.state, this.now());
    // A pseudo-terminal may report 0 columns: then assume 80 rather than cut everything.
    const width = (this.stream.columns || 80) - 1;
    this.stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width) : text}`);
    this.shown = true;
  }

  private clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
