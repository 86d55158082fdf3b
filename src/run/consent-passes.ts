import type { ScanOptions } from '../config/options.js';
import type { ConsentRecord } from '../evidence/schema.js';
import type { PlannedTarget } from '../report/run-summary.js';

/** The passes of `--consent all`, in the order they are planned and reported. */
export const CONSENT_PASSES = ['none', 'accept', 'reject'] as const satisfies ReadonlyArray<ConsentRecord['mode']>;

/**
 * `--consent all` scans every site three times — no choice, accept all, reject all — each in a
 * fresh browser context with its own bundle `sites/<slug>--consent-<pass>`, so each pass is a
 * complete, verifiable bundle and `run.json` lists one line per pass. Other modes plan as given.
 */
export function expandConsentPasses(plan: PlannedTarget[], consent: ScanOptions['consent']): PlannedTarget[] {
  if (consent !== 'all') return plan;
  return plan.flatMap((target) =>
    target.bundle ? CONSENT_PASSES.map((pass) => ({ ...target, bundle: `${target.bundle}--consent-${pass}`, consent: pass })) : [target]);
}

/** The consent mode one planned target is scanned with. */
export function consentFor(target: PlannedTarget, consent: ScanOptions['consent']): ConsentRecord['mode'] {
  return target.consent ?? (consent === 'all' ? 'none' : consent);
}
