import type { Command } from 'commander';
import { startFixtureServer } from '../../demo/fixture-server.js';
import { formatRunFooter, formatSiteReport } from '../../report/terminal.js';
import { runScan } from '../../run/scan-run.js';
import { createLogger } from '../../log.js';
import { parseScanFlags } from '../parse-options.js';

export function registerDemo(program: Command, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('scan the bundled demo insurer site (served locally) and write an evidence bundle')
    .option('--out <dir>', 'folder for run folders', 'pixel-audit-out')
    .option('--seed <s>', 'persona seed', 'demo')
    .option('--browser <path>', 'Chromium/Chrome executable')
    .option('--lang <lang>', 'language of notification.md and control-report.md: en|sv|nb (default: en)')
    .option('--controller <file>', 'JSON with what only the controller knows, for the reports')
    .option('--sign-key <pem>', 'Ed25519 private key (PEM): sign each manifest.json into manifest.sig')
    .option('--json', 'print the run summary as JSON on stdout')
    .action(async (flags: { out: string; seed: string; browser?: string; lang?: string; controller?: string; signKey?: string; json?: boolean }) => {
      const server = await startFixtureServer();
      try {
        const options = parseScanFlags([server.sites.demo!], {
          out: flags.out, seed: flags.seed, browser: flags.browser, lang: flags.lang, controller: flags.controller, signKey: flags.signKey,
          hostResolverRules: server.hostResolverRules, ignoreHttpsErrors: true,
        });
        process.stderr.write(`demo: scanning ${server.sites.demo} (a local imitation of an insurer's site with a Meta Pixel)…\n`);
        const { summary, reports } = await runScan(options, { logger: createLogger() });
        if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else process.stdout.write(`\n${reports.map(formatSiteReport).join('\n\n')}\n\n${formatRunFooter(summary)}\n`);
        setExit(summary.exitCode ?? 0);
      } finally {
        await server.close();
      }
    });
}
