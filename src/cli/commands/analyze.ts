import { readFile, stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { basename, dirname, join } from 'node:path';
import { evidenceFromHar, harFileSchema } from '../../capture/har-import.js';
import { describeZodError, UsageError } from '../../config/errors.js';
import { BUNDLE_FILES, readEvidence } from '../../evidence/bundle.js';
import type { Evidence } from '../../evidence/schema.js';
import { detectEvidence } from '../../detect/index.js';
import type { FindingsFile } from '../../judge/finding.js';
import { judge } from '../../judge/judge.js';
import { loadJudgeSupport } from '../../judge/support.js';
import { maxSeverity } from '../../judge/severity.js';
import { loadRules, BUNDLED_RULES_DIR } from '../../rules/load.js';
import { formatSiteReport } from '../../report/terminal.js';
import { readPersonaFile } from '../../run/persona-for.js';

interface AnalyzeFlags { rules?: string; out?: string; json?: boolean; persona?: string }

/** What `analyze` reads: a bundle's evidence, or evidence imported from a HAR file. */
interface Input {
  evidence: Evidence;
  harPath: string;
  /** For a HAR: where the findings and the imported evidence go by default. */
  imported?: { findings: string; evidence: string };
}

async function readInput(path: string, personaFile: string | undefined): Promise<Input> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${path}: no such bundle folder or HAR file`);
  if (info.isDirectory()) {
    const evidence = await readEvidence(path);
    if (personaFile) evidence.persona = await readPersonaFile(personaFile);
    return { evidence, harPath: join(path, BUNDLE_FILES.har) };
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path}: cannot read JSON (${(error as Error).message})`);
  }
  const har = harFileSchema.safeParse(json);
  if (!har.success) throw new UsageError(describeZodError(har.error, path, json), 'give a site bundle folder or a HAR 1.2 file');
  if (!personaFile) {
    throw new UsageError(`${path}: a HAR holds no persona`, 'pass the persona its forms were filled with: --persona persona.json');
  }
  const persona = await readPersonaFile(personaFile);
  const stem = join(dirname(path), basename(path).replace(/\.har$/i, ''));
  return {
    evidence: evidenceFromHar(har.data, persona, basename(path)),
    harPath: path,
    imported: { findings: `${stem}.findings.json`, evidence: `${stem}.evidence.json` },
  };
}

/** Points a HAR import's findings at the files written beside it rather than a bundle's. */
function citeImport(findings: FindingsFile, harPath: string, evidencePath: string): FindingsFile {
  for (const f of findings.findings) {
    f.evidence.har = basename(harPath);
    f.evidence.request = f.evidence.request.replace(/^evidence\.json/, basename(evidencePath));
  }
  return findings;
}

export function registerAnalyze(program: Command, setExit: (code: number) => void): void {
  program
    .command('analyze')
    .description("re-run detection and judgement on a saved site bundle with today's rules, or on a HAR file (no browser)")
    .argument('<bundle|har>', 'site bundle folder (holds evidence.json), or a HAR file (needs --persona)')
    .option('--persona <file>', 'the persona JSON the forms were filled with: required for a HAR; for a bundle, replaces its own')
    .option('--rules <dir>', 'extra rule folder')
    .option('--out <file>', 'write the fresh findings JSON there (a bundle is left untouched); for a HAR, default <name>.findings.json beside it')
    .option('--json', 'print the findings JSON on stdout')
    .action(async (path: string, flags: AnalyzeFlags) => {
      const { evidence, harPath, imported } = await readInput(path, flags.persona);
      const rules = await loadRules(flags.rules ? [BUNDLED_RULES_DIR, flags.rules] : [BUNDLED_RULES_DIR]);
      const support = await loadJudgeSupport(harPath);
      let findings = judge({ evidence, hits: detectEvidence(evidence), rules: rules.rules, rulesDigest: rules.digest, ...support });
      const out = flags.out ?? imported?.findings;
      if (imported) {
        // The imported evidence is what the findings' request pointers refer to: keep it with them.
        const evidencePath = out ? `${out.replace(/\.json$/i, '').replace(/\.findings$/i, '')}.evidence.json` : imported.evidence;
        await writeFile(evidencePath, `${JSON.stringify(evidence, null, 2)}\n`);
        findings = citeImport(findings, harPath, evidencePath);
      }
      const text = `${JSON.stringify(findings, null, 2)}\n`;
      if (out) await writeFile(out, text);
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
        })}\n`);
      }
      setExit(findings.findings.length ? 1 : 0);
    });
}
