import type { Command } from 'commander';
import { readTargets } from '../../config/targets.js';
import { severities } from '../../config/options.js';
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
    .option('--consent <mode>', 'consent banner: none|accept|reject', 'none')
    .option('--submit <mode>', "site's own form submission: never|intercept|always", 'intercept')
    .option('--max-pages <n>', 'pages per site', '10')
    .option('--depth <n>', 'link hops from the start URL', '2')
    .option('--concurrency <n>', 'sites scanned at once', '1')
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
    .option('--json', 'print the run summary as JSON on stdout')
    .action(async (urls: string[], flags: RawScanFlags & { targets?: string; json?: boolean }) => {
      const all = [...urls, ...(flags.targets ? await readTargets(flags.targets) : [])];
      const options = parseScanFlags(all, flags);
      const logger = createLogger();
      const { summary, reports } = await runScan(options, {
        logger,
        onSite: (report) => {
          // One line per site on stderr while the run goes on, whatever the output mode.
          const s = report.summary;
          const line = s.status === 'failed' ? `! ${s.input}: ${s.error}` : `${s.findings ? '✗' : '✓'} ${s.site}: ${s.findings} finding(s)`;
          process.stderr.write(`${line}\n`);
        },
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const ordered = summary.sites.map((s) => reports.find((r) => r.summary === s)!).filter(Boolean);
        process.stdout.write(`\n${ordered.map(formatSiteReport).join('\n\n')}\n\n${formatRunFooter(summary)}\n`);
      }
      setExit(summary.exitCode ?? 0);
    });
}
