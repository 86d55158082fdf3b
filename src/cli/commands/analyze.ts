import type { Command } from 'commander';
import { analyze } from '../../api/analyze.js';
import { maxSeverity } from '../../judge/severity.js';
import { formatBaseline, formatSiteReport } from '../../report/terminal.js';

interface AnalyzeFlags { rules?: string; out?: string; json?: boolean; persona?: string; baseline?: string }

export function registerAnalyze(program: Command, setExit: (code: number) => void): void {
  program
    .command('analyze')
    .description("re-run detection and judgement on a saved site bundle with today's rules, or on a HAR file (no browser)")
    .argument('<bundle|har>', 'site bundle folder (holds evidence.json), or a HAR file (needs --persona)')
    .option('--persona <file>', 'the persona JSON the forms were filled with: required for a HAR; for a bundle, replaces its own')
    .option('--rules <dir>', 'extra rule folder')
    .option('--out <file>', 'write the fresh findings JSON there (a bundle is left untouched); for a HAR, default <name>.findings.json beside it')
    .option('--baseline <file>', 'accepted findings (pixel-audit.baseline.json): marked accepted, not counted in the exit code')
    .option('--json', 'print the findings JSON on stdout')
    .action(async (path: string, flags: AnalyzeFlags) => {
      const { evidence, findings, baseline } = await analyze(path, { persona: flags.persona, rulesDir: flags.rules, out: flags.out, besideHar: true, baseline: flags.baseline });
      const text = `${JSON.stringify(findings, null, 2)}\n`;
      if (flags.json) process.stdout.write(text);
      else {
        process.stdout.write(`${formatSiteReport({
          findings: findings.findings,
          facts: findings.facts,
          summary: {
            input: evidence.startUrl, site: evidence.site, status: 'ok', pages: evidence.pages.length, forms: evidence.forms.length,
            requests: evidence.requests.length, findings: findings.findings.length,
            maxSeverity: maxSeverity(findings.findings), startedAt: evidence.startedAt, endedAt: evidence.endedAt,
          },
        })}\n${baseline ? `${formatBaseline(baseline).join('\n')}\n` : ''}`);
      }
      // Accepted findings stay in the output but do not make the exit code 1.
      setExit(findings.findings.some((f) => !f.accepted) ? 1 : 0);
    });
}
