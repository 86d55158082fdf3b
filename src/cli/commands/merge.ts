import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { severities, type Severity } from '../../config/options.js';
import { formatRunFooter, formatSiteReport } from '../../report/terminal.js';
import { mergeRuns, removeMovedInputs } from '../../run/merge-runs.js';
import { mergeStores } from '../../run/merge-stores.js';
import { redactUrlPassword } from '../../shared/redact-url.js';

interface MergeFlags {
  out: string;
  move?: boolean;
  allowOverlap?: boolean;
  failOn?: string;
  storeFrom?: string;
  store?: string;
  json?: boolean;
}

/** `--store-from a.db,b.db`: a comma list (repeating the flag works too). */
const list = (value: string, previous = ''): string => (previous ? `${previous},${value}` : value);

export function registerMerge(program: Command, setExit: (code: number) => void): void {
  program
    .command('merge')
    .description('join run folders (e.g. the shards of scan --shard i/n) into one run folder, and their history stores into one')
    .argument('<run-folder...>', 'run folders to join')
    .option('--out <dir>', 'folder the merged run folder is written into', 'pixel-audit-out')
    .option('--move', 'move the site bundles instead of copying them')
    .option('--allow-overlap', 'a site in two runs with different results: keep the newer scan (default: refuse)')
    .option('--fail-on <severity>', `exit 1 at or above (default: the runs' own): ${severities.join('|')}`)
    .option('--store-from <stores>', 'history stores the runs were scanned into, comma-separated (needs --store)', list)
    .option('--store <path>', 'history store to record the merged run in (SQLite file or postgres:// URL)')
    .option('--json', 'print the merged run.json on stdout')
    .action(async (runs: string[], flags: MergeFlags) => {
      if (flags.failOn !== undefined && !(severities as readonly string[]).includes(flags.failOn)) {
        throw new UsageError(`--fail-on: expected one of ${severities.join('|')} (got ${JSON.stringify(flags.failOn)})`);
      }
      const from = (flags.storeFrom ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (from.length && !flags.store) throw new UsageError('--store-from needs --store: the store to record the merged run in');
      if (flags.store && !from.length) throw new UsageError('--store needs --store-from: the stores the runs were scanned into');
      const warn = (line: string): void => void process.stderr.write(`${line}\n`);
      const merged = await mergeRuns({
        runs, out: flags.out, move: flags.move, allowOverlap: flags.allowOverlap, failOn: flags.failOn as Severity | undefined, onWarning: warn,
      });
      if (flags.store) {
        // The run folder is complete by now: a store that cannot be written is reported, never undoes it.
        try {
          const { scans } = await mergeStores(from, flags.store, merged, warn);
          warn(`merge: ${scans} site scan(s) recorded in ${redactUrlPassword(flags.store)} as run ${merged.summary.runId}`);
        } catch (error) {
          if (error instanceof UsageError) throw new UsageError(`${error.message} (the merged run folder ${merged.summary.runDir} is complete)`, error.hint);
          throw error;
        }
      }
      // Only now: a shard folder's run.json names the run its store rows are filed under.
      if (flags.move) await removeMovedInputs(merged.inputs, warn);
      const { summary, reports } = merged;
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const ordered = summary.sites.map((s) => reports.find((r) => r.summary === s)!).filter(Boolean);
        process.stdout.write(`${ordered.map(formatSiteReport).join('\n\n')}\n\n${formatRunFooter(summary)}\n`);
      }
      setExit(summary.exitCode ?? 0);
    });
}
