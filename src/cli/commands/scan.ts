import { Option, type Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { readTargets } from '../../config/targets.js';
import { defaultConcurrency, severities } from '../../config/options.js';
import { ProgressLine } from '../../run/progress.js';
import { readPriorRun } from '../../run/resume.js';
import { DEFAULT_STORE } from '../../store/open-store.js';
import { formatRunFooter, formatSiteReport } from '../../report/terminal.js';
import { runScan } from '../../run/scan-run.js';
import { createLogger } from '../../log.js';
import { parseScanFlags, type RawScanFlags } from '../parse-options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerScan(program: Command, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description('scan sites: crawl, fill forms with a canary persona, capture requests, detect leaks')
    .argument('[url...]', 'start URLs, one site each')
    .option('--targets <file>', 'file with one URL a line (# comments allowed)')
    .option('--out <dir>', 'folder for run folders', 'pixel-audit-out')
    .option('--consent <mode>', 'consent banner: none|accept|reject|all (all: three passes, one bundle each)', 'none')
    .option('--submit <mode>', "site's own form submission: never|intercept|always", 'intercept')
    .option('--max-pages <n>', 'pages per site', '10')
    .option('--depth <n>', 'link hops from the start URL', '2')
    .option('--concurrency <n>', `sites scanned at once (default: cores, at most 4; here ${defaultConcurrency()})`)
    .option('--seed <s>', 'seed for personas and crawl order (recorded in the manifest)')
    .option('--persona <file>', 'persona JSON to type instead of generated ones')
    .option('--rules <dir>', 'extra rule folder (same id replaces a bundled rule)')
    .option('--fail-on <severity>', `exit 1 at or above: ${severities.join('|')}`, 'low')
    .option('--host-resolver-rules <rules>', 'passed to Chromium as-is (staging, fixtures)')
    .option('--ignore-https-errors', 'accept invalid certificates (staging, fixtures)')
    .option('--browser <path>', 'Chromium/Chrome executable')
    .option('--user-agent <ua>', 'user agent (default: a normal Chrome UA of the launched version)')
    .option('--site-timeout <s>', 'deadline per site, seconds', '180')
    .option('--page-timeout <s>', 'navigation timeout per page, seconds', '30')
    .option('--case <ref>', 'case reference, recorded in the manifest')
    .option('--inspector <name>', 'inspector name (repeatable), recorded in the manifest', collect)
    .option('--lang <lang>', 'language of notification.md and control-report.md: en|sv|nb (default: en)')
    .option('--controller <file>', 'JSON with what only the controller knows (organisation, DPO, numbers) for the reports')
    .option('--sign-key <pem>', 'Ed25519 private key (PEM): sign each manifest.json into manifest.sig')
    .option('--store <path>', 'history store (SQLite file): runs, sites, findings over time', DEFAULT_STORE)
    .option('--no-store', 'keep no history')
    // From the environment too: a URL on the command line shows in `ps` to every local user.
    .addOption(new Option('--webhook <url>', 'after the run, POST new findings here as JSON (Slack-compatible "text")').env('PIXEL_AUDIT_WEBHOOK'))
    .option('--resume <run-folder>', 'finish an interrupted run: scan the sites it has no complete bundle for')
    .option('--json', 'print the run summary as JSON on stdout')
    .action(async (urls: string[], flags: RawScanFlags & { targets?: string; json?: boolean }) => {
      let all = [...urls, ...(flags.targets ? await readTargets(flags.targets) : [])];
      if (flags.resume) {
        if (all.length) throw new UsageError('--resume takes its targets from the run folder\'s run.json', 'give no URL and no --targets with --resume');
        all = (await readPriorRun(flags.resume)).summary.targets.map((t) => t.input);
      }
      const options = parseScanFlags(all, flags);
      const logger = createLogger();
      let progress: ProgressLine | undefined;
      const say = (line: string): void => (progress ? progress.log(line) : void process.stderr.write(`${line}\n`));
      const { summary, reports } = await runScan(options, {
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
