import { Option, type Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { readTargets } from '../../config/targets.js';
import { defaultConcurrency } from '../../config/options.js';
import { ProgressLine } from '../../run/progress.js';
import { readPriorRun } from '../../run/resume.js';
import { DEFAULT_STORE } from '../../store/open-store.js';
import { formatRunFooter, formatSiteReport } from '../../report/terminal.js';
import { scan } from '../../api/scan.js';
import { CONFIG_FILE_NAME, loadConfigFile } from '../../config/config-file.js';
import { createLogger } from '../../log.js';
import { addSiteScanFlags } from '../site-scan-flags.js';
import { defaultedOptionKeys, parseScanFlags, type RawScanFlags } from '../parse-options.js';

export function registerScan(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('scan')
    .description('scan sites: crawl, fill forms with a canary persona, capture requests, detect leaks')
    .argument('[url...]', 'start URLs, one site each')
    .option('--targets <file>', 'file with one URL a line (# comments allowed)')
    .option('--config <file>', `JSON config file: every option but the URLs (default: ./${CONFIG_FILE_NAME} when there is one); flags win over it`)
    .option('--out <dir>', 'folder for run folders', 'pixel-audit-out');
  addSiteScanFlags(command, 'scan')
    .option('--concurrency <n>', `sites scanned at once (default: cores, at most 4; here ${defaultConcurrency()})`)
    .option('--browser <path>', 'Chromium/Chrome executable')
    .option('--baseline <file>', 'accepted findings and facts (pixel-audit.baseline.json): reported as accepted, not counted by --fail-on')
    .option('--update-baseline', 'add this run\'s new findings and facts to the --baseline file (default pixel-audit.baseline.json); keeps every entry')
    .option('--baseline-reason <text>', 'reason recorded on the entries --update-baseline adds')
    .option('--baseline-owner <who>', 'owner recorded on the entries --update-baseline adds')
    .option('--baseline-expires <date>', 'YYYY-MM-DD: last day the entries --update-baseline adds accept')
    .option('--store <path>', 'history store (SQLite file or postgres:// URL): runs, sites, findings over time', DEFAULT_STORE)
    .option('--no-store', 'keep no history')
    // From the environment too: a URL on the command line shows in `ps` to every local user.
    .addOption(new Option('--webhook <url>', 'after the run, POST new findings here as JSON (Slack-compatible "text")').env('PIXEL_AUDIT_WEBHOOK'))
    .option('--resume <run-folder>', 'finish an interrupted run: scan the sites it has no complete bundle for')
    .option('--shard <i/n>', 'scan only shard i of n (i from 0, as JOB_COMPLETION_INDEX): sites split by a stable hash; join with merge')
    .option('--json', 'print the run summary as JSON on stdout')
    .action(async (urls: string[], flags: RawScanFlags & { targets?: string; config?: string; json?: boolean }, command: Command) => {
      const { targets: configTargets, $schema: _schema, ...config } = (await loadConfigFile(flags.config))?.values ?? {};
      const targets = flags.targets ?? configTargets;
      let all = [...urls, ...(targets ? await readTargets(targets) : [])];
      const resume = flags.resume ?? config.resume;
      if (resume) {
        if (all.length) throw new UsageError('--resume takes its targets from the run folder\'s run.json', 'give no URL and no --targets with --resume');
        all = (await readPriorRun(resume)).summary.targets.map((t) => t.input);
      }
      const options = parseScanFlags(all, flags, config, defaultedOptionKeys((key) => command.getOptionValueSource(key)));
      const logger = createLogger();
      let progress: ProgressLine | undefined;
      const say = (line: string): void => (progress ? progress.log(line) : void process.stderr.write(`${line}\n`));
      const { summary, reports } = await scan(options, {
        logger,
        onPlan: ({ total, done }) => {
          // On a terminal only: a pipe or cron's mail gets the per-site lines and nothing else.
          progress = new ProgressLine(process.stderr, total, { sites: done.length, findings: done.reduce((n, r) => n + r.findings.length, 0) });
          if (done.length) say(`resuming: ${done.length} of ${total} site(s) already done`);
        },
        onSite: (report) => {
          // One line per site on stderr while the run goes on, whatever the output mode.
          const s = report.summary;
          const pass = s.consent ? ` (consent pass: ${s.consent})` : '';
          const line = s.status === 'failed' ? `! ${s.input}${pass}: ${s.error}` : `${s.findings ? '✗' : '✓'} ${s.site}${pass}: ${s.findings} finding(s)`;
          say(line);
          progress?.site(s.findings);
        },
        onWarning: say,
      }).finally(() => progress?.stop());
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const ordered = summary.sites.map((s) => reports.find((r) => r.summary === s)!).filter(Boolean);
        process.stdout.write(`\n${ordered.map(formatSiteReport).join('\n\n')}\n\n${formatRunFooter(summary)}\n`);
      }
      setExit(summary.exitCode ?? 0);
    });
}
