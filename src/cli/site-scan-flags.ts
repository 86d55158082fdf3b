import type { Command } from 'commander';
import { severities } from '../config/options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * The flags that say how one site is scanned, shared by `scan` and `enqueue` (whose workers
 * scan with the same code), so the two can never drift apart. For `enqueue`, the files named
 * are read by workers, possibly on other machines: the help says so.
 */
export function addSiteScanFlags(command: Command, audience: 'scan' | 'enqueue'): Command {
  const forWorkers = audience === 'enqueue';
  const file = (what: string): string => (forWorkers ? `${what} (a path every worker can read)` : what);
  return command
    .option('--consent <mode>', 'consent banner: none|accept|reject|all (all: three passes, one bundle each)', 'none')
    .option('--submit <mode>', "site's own form submission: never|intercept|always", 'intercept')
    .option('--max-pages <n>', 'pages per site', '10')
    .option('--depth <n>', 'link hops from the start URL', '2')
    .option('--seed <s>', 'seed for personas and crawl order (recorded in the manifest)')
    .option('--persona <file>', file('persona JSON to type instead of generated ones'))
    .option('--rules <dir>', file('extra rule folder (same id replaces a bundled rule)'))
    .option('--fail-on <severity>', `${forWorkers ? "the run's exit code is 1" : 'exit 1'} at or above: ${severities.join('|')}`, 'low')
    .option('--host-resolver-rules <rules>', 'passed to Chromium as-is (staging, fixtures)')
    .option('--ignore-https-errors', 'accept invalid certificates (staging, fixtures)')
    .option('--user-agent <ua>', 'user agent (default: a normal Chrome UA of the launched version)')
    .option('--site-timeout <s>', 'deadline per site, seconds', '180')
    .option('--page-timeout <s>', 'navigation timeout per page, seconds', '30')
    .option('--case <ref>', 'case reference, recorded in the manifest')
    .option('--inspector <name>', 'inspector name (repeatable), recorded in the manifest', collect)
    .option('--lang <lang>', 'language of notification.md and control-report.md: en|sv|nb (default: en)')
    .option('--controller <file>', file('JSON with what only the controller knows (organisation, DPO, numbers) for the reports'))
    .option('--sign-key <pem>', file('Ed25519 private key (PEM): sign each manifest.json into manifest.sig'));
}
