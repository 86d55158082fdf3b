import { resolve } from 'node:path';
import type { ScanOptions } from '../config/options.js';
import type { LaunchedBrowser } from '../browser/launch.js';
import { redactOptions } from '../report/manifest.js';
import { readControllerFile } from '../report/notification/controller.js';
import { loadSigningKey } from '../report/sign.js';
import { BUNDLED_RULES_DIR, loadRules } from '../rules/load.js';
import { readPersonaFile } from './persona-for.js';
import type { RunContext } from './run-context.js';
import type { RunHistory } from './run-history.js';

/**
 * The files a run reads once before any site: rules, persona, controller facts, signing key.
 * A mistake in any of them is a UsageError (exit 2) before a browser is touched. Shared by
 * `scan` and the fleet's workers, so both read them the same way.
 */
export async function readRunInputs(options: ScanOptions) {
  const rules = await loadRules(options.rulesDir ? [BUNDLED_RULES_DIR, resolve(options.rulesDir)] : [BUNDLED_RULES_DIR]);
  const filePersona = options.personaFile ? await readPersonaFile(options.personaFile) : undefined;
  const controller = options.controllerFile ? await readControllerFile(options.controllerFile) : undefined;
  const signingKey = options.signKey ? await loadSigningKey(options.signKey) : undefined;
  return { rules, filePersona, controller, signingKey };
}
export type RunInputs = Awaited<ReturnType<typeof readRunInputs>>;

/** What every site of one run shares, built the same way for `scan` and for a fleet worker. */
export function runContextFor(
  options: ScanOptions,
  inputs: RunInputs,
  run: { runId: string; seed: string; history: RunHistory; launched: LaunchedBrowser; baseline?: RunContext['baseline'] },
): RunContext {
  return {
    periods: (site, pending) => run.history.periods(run.runId, site, pending),
    rules: inputs.rules,
    chromium: { ...run.launched.location, version: run.launched.version },
    recordedOptions: redactOptions({ ...options, seed: run.seed }),
    caseRef: options.caseRef,
    inspectors: options.inspectors,
    lang: options.lang,
    controller: inputs.controller,
    signingKey: inputs.signingKey,
    ...(run.baseline ? { baseline: run.baseline } : {}),
  };
}
