import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { readTargets } from '../../config/targets.js';
import { enqueueRun } from '../../fleet/enqueue.js';
import { checkQueueUrl, openQueue } from '../../fleet/queue.js';
import { addSiteScanFlags } from '../site-scan-flags.js';
import { parseScanFlags, wholeNumber, type RawScanFlags } from '../parse-options.js';

/** `enqueue`: plans a fleet run and queues one job per site; prints the run id. */
export function registerEnqueue(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('enqueue')
    .description('queue sites for workers (pg-boss on PostgreSQL): one job per site, one run; prints the run id')
    .argument('[url...]', 'start URLs, one site each')
    .option('--targets <file>', 'file with one URL a line (# comments allowed)')
    .option('--queue <url>', 'work queue: postgres://user@host/db (pg-boss)')
    .option('--run <id>', 'add the sites to this run (sites already in it are not queued again)')
    .option('--retries <n>', 'attempts after the first for a site that fails or whose worker dies', '2')
    .option('--lease <s>', 'seconds a worker holds a site before another may take it (default: --site-timeout + 120)');
  addSiteScanFlags(command, 'enqueue')
    .option('--json', 'print { runId, queued, skipped } as JSON')
    .action(async (urls: string[], flags: RawScanFlags & { targets?: string; queue?: string; run?: string; retries?: string; lease?: string; json?: boolean }) => {
      const queueUrl = checkQueueUrl(flags.queue);
      const all = [...urls, ...(flags.targets ? await readTargets(flags.targets) : [])];
      const { queue: _q, run: _r, retries: _t, lease: _l, json: _j, targets: _f, ...scanFlags } = flags;
      const options = parseScanFlags(all, scanFlags);
      const retries = wholeNumber(flags.retries, '--retries', 0) ?? 2;
      if (retries > 20) throw new UsageError(`--retries ${retries}: at most 20`);
      const leaseSeconds = wholeNumber(flags.lease, '--lease', 1);
      const queue = await openQueue(queueUrl);
      try {
        const result = await enqueueRun(queue, { options, runId: flags.run, retries, leaseSeconds });
        if (flags.json) process.stdout.write(`${JSON.stringify({ runId: result.runId, queued: result.queued, skipped: result.skipped })}\n`);
        else {
          process.stderr.write(`queued ${result.queued} site job(s) into run ${result.runId}`
            + `${result.skipped ? ` (${result.skipped} already in the run)` : ''}; retries ${result.plan.retries}, lease ${result.plan.leaseSeconds} s\n`);
          process.stdout.write(`${result.runId}\n`);
        }
      } finally {
        await queue.close();
      }
      setExit(0);
    });
}
