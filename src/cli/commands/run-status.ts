import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { checkQueueUrl, openQueue } from '../../fleet/queue.js';
import { RUN_IN_PROGRESS, formatRunStatus, runStatus } from '../../fleet/status.js';

/** `run-status <run>`: a fleet run's sites by state and its findings so far; exit 0 once drained. */
export function registerRunStatus(program: Command, setExit: (code: number) => void): void {
  program
    .command('run-status')
    .description(`progress of a fleet run: sites queued, active, retrying, completed, failed; exit 0 when finished, ${RUN_IN_PROGRESS} while not`)
    .argument('<run>', 'run id printed by enqueue')
    .option('--queue <url>', 'work queue: postgres://user@host/db (pg-boss)')
    .option('--json', 'print the counts as JSON')
    .action(async (runId: string, flags: { queue?: string; json?: boolean }) => {
      const queue = await openQueue(checkQueueUrl(flags.queue));
      try {
        const status = await runStatus(queue, runId);
        if (!status) throw new UsageError(`run ${runId}: no such run in ${queue.location}`, 'give the id enqueue printed');
        process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatRunStatus(status)}\n`);
        setExit(status.finished ? 0 : RUN_IN_PROGRESS);
      } finally {
        await queue.close();
      }
    });
}
