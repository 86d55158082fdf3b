import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readEvidence } from '../../evidence/bundle.js';
import { detectHits } from '../../detect/index.js';
import { judge } from '../../judge/judge.js';
import { maxSeverity } from '../../judge/severity.js';
import { loadRules, BUNDLED_RULES_DIR } from '../../rules/load.js';
import { formatSiteReport } from '../../report/terminal.js';

export function registerAnalyze(program: Command, setExit: (code: number) => void): void {
  program
    .command('analyze')
    .description("re-run detection and judgement on a saved site bundle with today's rules (no browser)")
    .argument('<bundle>', 'site bundle folder (holds evidence.json)')
    .option('--rules <dir>', 'extra rule folder')
    .option('--out <file>', 'write the fresh findings JSON there (the bundle itself is left untouched)')
    .option('--json', 'print the findings JSON on stdout')
    .action(async (bundle: string, flags: { rules?: string; out?: string; json?: boolean }) => {
      const evidence = await readEvidence(bundle);
      const rules = await loadRules(flags.rules ? [BUNDLED_RULES_DIR, flags.rules] : [BUNDLED_RULES_DIR]);
      const findings = judge({ evidence, hits: detectHits(evidence.requests, evidence.persona), rules: rules.rules, rulesDigest: rules.digest });
      const text = `${JSON.stringify(findings, null, 2)}\n`;
      if (flags.out) await writeFile(flags.out, text);
      if (flags.json) process.stdout.write(text);
      else {
        process.stdout.write(`${formatSiteReport({
          findings: findings.findings,
          summary: {
            input: evidence.startUrl, site: evidence.site, status: 'ok', pages: evidence.pages.length, forms: evidence.forms.length,
            requests: evidence.requests.length, findings: findings.findings.length,
            maxSeverity: maxSeverity(findings.findings), startedAt: evidence.startedAt, endedAt: evidence.endedAt,
          },
        })}\n`);
      }
      setExit(findings.findings.length ? 1 : 0);
    });
}
