import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { runWorker } from '../../fleet/worker.js';
import { checkQueueUrl, openQueue } from '../../fleet/queue.js';
import { createLogger } from '../../log.js';
import { DEFAULT_STORE } from '../../store/open-store.js';
import { wholeNumber } from '../parse-options.js';

function seconds(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${flag}: expected seconds between ${min} and ${max} (got ${JSON.stringify(value)})`);
  return n;
}

interface WorkerFlags {
  queue?: string;
  store?: string | false;
  out?: string;
  concurrency?: string;
  browser?: string;
  exitWhenDrained?: boolean;
  pollInterval?: string;
  superviseInterval?: string;
}

/** `worker`: pulls site jobs and scans them as `scan` does, until SIGTERM (or the queue drains). */
export function registerWorker(program: Command, setExit: (code: number) => void): void {
  program
    .command('worker')
    .description('scan sites from the work queue into <out>/<run-id>/ and the store, until SIGTERM')
    .option('--queue <url>', 'work queue: postgres://user@host/db (pg-boss)')
    .option('--store <path|url>', 'history store: SQLite file or postgres:// URL (shared by a fleet)', DEFAULT_STORE)
    .option('--no-store', 'keep no history')
    .option('--out <dir>', 'folder for run folders (a shared volume for one run folder per run)', 'pixel-audit-out')
    .option('--concurrency <n>', 'sites scanned at once by this worker', '1')
    .option('--browser <path>', 'Chromium/Chrome executable')
    .option('--exit-when-drained', 'exit once no site is waiting, retrying or leased')
    .option('--poll-interval <s>', 'seconds an idle worker waits before asking again', '2')
    .option('--supervise-interval <s>', 'seconds between sweeps for expired leases (any live worker may sweep)', '60')
    .action(async (flags: WorkerFlags) => {
      const queueUrl = checkQueueUrl(flags.queue);
      const concurrency = wholeNumber(String(flags.concurrency), '--concurrency', 1, 64)!;
      const pollSeconds = seconds(flags.pollInterval, '--poll-interval', 0.5, 600) ?? 2;
      const superviseSeconds = seconds(flags.superviseInterval, '--supervise-interval', 1, 3600) ?? 60;
      const logger = createLogger();
      const say = (line: string): void => void process.stderr.write(`${line}\n`);
      const queue = await openQueue(queueUrl, { superviseSeconds });
      const stop = new AbortController();
      // SIGTERM/SIGINT: take no new site, finish those under way; a second signal leaves at once
      // (their leases then bring the sites back to another worker).
      const onSignal = (signal: NodeJS.Signals): void => {
        if (stop.signal.aborted) process.exit(130);
        say(`${signal}: finishing the site(s) under way, taking no new one`);
        stop.abort();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      try {
        const result = await runWorker(queue, {
          out: flags.out ?? 'pixel-audit-out', store: flags.store === false ? undefined : flags.store, browserPath: flags.browser,
          concurrency, pollSeconds, exitWhenDrained: Boolean(flags.exitWhenDrained), logger, warn: say, onLine: say,
        }, stop.signal);
        say(`worker done: ${result.sites} site(s) scanned, ${result.failed} failed, ${result.runsFinished.length} run(s) finished`);
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        await queue.close({ graceful: true });
      }
      setExit(0);
    });
}
