import { basename } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { diffRuns, type RunDiff, type SiteFingerprint } from '../../store/diff.js';
import { openStore, DEFAULT_STORE } from '../../store/open-store.js';
import { describeFingerprint } from './history.js';

/** A run is named by its id, or by its folder (`out/2026-03-10T02-00-00Z-3fa2/`). */
export function runIdOf(arg: string): string {
  return /[\\/]/.test(arg) ? basename(arg.replace(/[\\/]+$/, '')) : arg;
}

function formatDiff(diff: RunDiff): string {
  const line = (mark: string) => (f: SiteFingerprint) => `  ${mark} ${f.site}  ${describeFingerprint(f)}  [${f.fingerprint}]`;
  const section = (title: string, mark: string, list: SiteFingerprint[]): string[] =>
    [`${title} (${list.length})`, ...list.map(line(mark))];
  return [
    `${diff.runA} → ${diff.runB}`,
    ...section('new', '+', diff.new),
    ...section('resolved', '-', diff.resolved),
    ...section('unchanged', '=', diff.unchanged),
    ...(diff.notAssessed.length ? section('not assessed: the later run did not scan the site successfully', '?', diff.notAssessed) : []),
  ].join('\n');
}

export function registerDiff(program: Command, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('findings new, resolved and unchanged between two runs of the history store')
    .argument('<runA>', 'earlier run: its id or its run folder')
    .argument('<runB>', 'later run: its id or its run folder')
    .option('--store <path>', 'history store: SQLite file or postgres:// URL', DEFAULT_STORE)
    .option('--json', 'print the diff as JSON on stdout')
    .action(async (a: string, b: string, flags: { store: string; json?: boolean }) => {
      const store = await openStore(flags.store, { mustExist: true });
      try {
        const diff = await diffRuns(store, runIdOf(a), runIdOf(b));
        if ('missing' in diff) {
          const recent = (await store.runs(5)).map((r) => r.runId);
          throw new UsageError(`no run ${diff.missing} in ${store.location}`, recent.length ? `latest runs: ${recent.join(', ')}` : 'the store has no run yet');
        }
        process.stdout.write(flags.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatDiff(diff)}\n`);
        setExit(0);
      } finally {
        await store.close();
      }
    });
}
