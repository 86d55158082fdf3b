import { describe, expect, it } from 'vitest';
import { formatProgress, ProgressLine } from '../../../src/run/progress.js';

const stream = (isTTY: boolean) => {
  const writes: string[] = [];
  return { isTTY, columns: 100, writes, write: (t: string) => writes.push(t) };
};

describe('progress line', () => {
  it('says sites done of total, findings, elapsed time and an ETA from the pace so far', () => {
    const state = { total: 10, done: 4, doneBefore: 0, findings: 7, startedAt: 0 };
    expect(formatProgress(state, 120_000)).toBe('[4/10 sites] 7 finding(s) · 2m 00s elapsed · ETA 3m 00s');
    expect(formatProgress({ ...state, done: 0 }, 5_000)).toBe('[0/10 sites] 7 finding(s) · 5s elapsed · ETA …');
    expect(formatProgress({ ...state, done: 10 }, 5_000)).toMatch(/· done$/);
    // Sites a resumed run found done say nothing about the pace: 2 done here in 60 s, 4 left.
    expect(formatProgress({ ...state, done: 6, doneBefore: 4 }, 60_000)).toMatch(/ETA 2m 00s$/);
  });

  it('draws in place on a terminal and keeps log lines above it', () => {
    let now = 0;
    const tty = stream(true);
    const line = new ProgressLine(tty, 2, { sites: 0, findings: 0 }, () => now);
    now = 30_000;
    line.site(3);
    line.log('✓ https://a.example: 3 finding(s)');
    line.stop();
    const text = tty.writes.join('');
    expect(text).toContain('\r\x1b[2K[1/2 sites] 3 finding(s) · 30s elapsed · ETA 30s');
    expect(text).toContain('\r\x1b[2K✓ https://a.example: 3 finding(s)\n');
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('cuts the line to the terminal width, and assumes 80 columns when the terminal says 0', () => {
    const narrow = { ...stream(true), columns: 20 };
    new ProgressLine(narrow, 2).stop();
    expect(narrow.writes[0]).toBe('\r\x1b[2K[0/2 sites] 0 findi');
    const unknown = { ...stream(true), columns: 0 };
    new ProgressLine(unknown, 2).stop();
    expect(unknown.writes[0]).toMatch(/ETA …$/);
  });

  it('writes nothing of its own into a pipe: only the log lines', () => {
    const pipe = stream(false);
    const line = new ProgressLine(pipe, 2);
    line.site(1);
    line.log('✓ https://a.example: 1 finding(s)');
    line.stop();
    expect(pipe.writes).toEqual(['✓ https://a.example: 1 finding(s)\n']);
  });
});
