import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { evidenceFromHar, harFileSchema } from '../capture/har-import.js';
import { describeZodError, UsageError } from '../config/errors.js';
import { readJsonFile } from '../config/read-json-file.js';
import { detectEvidence } from '../detect/index.js';
import { BUNDLE_FILES, readEvidence } from '../evidence/bundle.js';
import type { Evidence } from '../evidence/schema.js';
import type { FindingsFile } from '../judge/finding.js';
import { judge } from '../judge/judge.js';
import { loadJudgeSupport } from '../judge/support.js';
import { personaSchema, type Persona } from '../persona/schema.js';
import { BUNDLED_RULES_DIR, loadRules } from '../rules/load.js';
import { acceptJudged, baselineOutcome } from '../baseline/apply.js';
import { loadBaseline } from '../baseline/file.js';
import type { BaselineOutcome } from '../baseline/schema.js';
import { readPersonaFile } from '../run/persona-for.js';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /**
   * The persona the forms were filled with: a persona JSON file's path, or the persona itself.
   * Required for a HAR (it holds none); for a bundle it replaces the bundle's own.
   */
  persona?: string | Persona;
  /** Extra rule folder, loaded after the bundled rules (same id replaces). */
  rulesDir?: string;
  /**
   * Where to write the findings JSON. A bundle is never changed. For a HAR the imported evidence
   * is written beside it (`<name>.evidence.json`), since the findings' request pointers cite it.
   */
  out?: string;
  /** For a HAR without `out`: write `<name>.findings.json` and `<name>.evidence.json` beside it (the command line's default). */
  besideHar?: boolean;
  /** Baseline file of accepted findings and facts: matching ones are marked `accepted` (never dropped). */
  baseline?: string;
}

/** What {@link analyze} resolves to. */
export interface AnalyzeResult {
  /** The evidence judged: the bundle's, or what was imported from the HAR. */
  evidence: Evidence;
  /** Findings and configuration facts, as `findings.json` holds them. */
  findings: FindingsFile;
  /** Files written (only with `out`). */
  written?: { findings: string; evidence?: string };
  /** With `baseline`: findings accepted, and this site's stale or expired entries. */
  baseline?: BaselineOutcome;
}

/** `x.har` → `x.findings.json` beside it. */
function besideHarPath(harPath: string): string {
  return `${join(dirname(harPath), basename(harPath).replace(/\.har$/i, ''))}.findings.json`;
}

async function personaFrom(persona: string | Persona): Promise<Persona> {
  if (typeof persona === 'string') return readPersonaFile(persona);
  const parsed = personaSchema.safeParse(persona);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error, 'persona', persona));
  return parsed.data;
}

async function readInput(path: string, persona: AnalyzeOptions['persona']): Promise<{ evidence: Evidence; harPath: string; isHar: boolean }> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${path}: no such bundle folder or HAR file`);
  if (info.isDirectory()) {
    const evidence = await readEvidence(path);
    if (persona) evidence.persona = await personaFrom(persona);
    return { evidence, harPath: join(path, BUNDLE_FILES.har), isHar: false };
  }
  const har = await readJsonFile(path, harFileSchema, { schemaHint: 'give a site bundle folder or a HAR 1.2 file' });
  if (!persona) {
    throw new UsageError(`${path}: a HAR holds no persona`, 'pass the persona its forms were filled with: --persona persona.json');
  }
  return { evidence: evidenceFromHar(har, await personaFrom(persona), basename(path)), harPath: path, isHar: true };
}

/** Points a HAR import's findings at the files written beside it rather than a bundle's. */
function citeImport(findings: FindingsFile, harPath: string, evidencePath: string): FindingsFile {
  for (const f of findings.findings) {
    f.evidence.har = basename(harPath);
    f.evidence.request = f.evidence.request.replace(/^evidence\.json/, basename(evidencePath));
  }
  return findings;
}

/**
 * Re-runs detection and judgement, with today's rules and no browser, on a saved site bundle
 * (the folder holding `evidence.json`) or on a HAR recorded elsewhere (then `persona` is
 * required) — what `pixel-audit analyze` does.
 *
 * @throws {UsageError} when the path is neither, or the HAR or persona is malformed.
 */
export async function analyze(bundleOrHar: string, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const { evidence, harPath, isHar } = await readInput(bundleOrHar, options.persona);
  const rules = await loadRules(options.rulesDir ? [BUNDLED_RULES_DIR, options.rulesDir] : [BUNDLED_RULES_DIR]);
  const support = await loadJudgeSupport(harPath);
  const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
  let findings = judge({ evidence, hits: detectEvidence(evidence), rules: rules.rules, rulesDigest: rules.digest, ...support });
  if (baseline) findings = acceptJudged(findings, baseline, new Date());
  const accepted = baseline
    ? { baseline: baselineOutcome(baseline, [{ site: evidence.site, status: evidence.errors.length ? 'partial' : 'ok', findings: findings.findings, facts: findings.facts }], new Date()) }
    : {};
  const out = options.out ?? (isHar && options.besideHar ? besideHarPath(harPath) : undefined);
  if (!out) return { evidence, findings, ...accepted };
  let evidencePath: string | undefined;
  if (isHar) {
    // The imported evidence is what the findings' request pointers refer to: keep it with them.
    evidencePath = `${out.replace(/\.json$/i, '').replace(/\.findings$/i, '')}.evidence.json`;
    await writeFile(evidencePath, `${JSON.stringify(evidence, null, 2)}\n`);
    findings = citeImport(findings, harPath, evidencePath);
  }
  await writeFile(out, `${JSON.stringify(findings, null, 2)}\n`);
  return { evidence, findings, written: { findings: out, ...(evidencePath ? { evidence: evidencePath } : {}) }, ...accepted };
}
