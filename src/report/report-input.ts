import type { reportLanguages } from '../config/options.js';
import type { Evidence } from '../evidence/schema.js';
import type { FindingsFile } from '../judge/finding.js';
import type { ManifestContext } from './manifest.js';
import type { ControllerInfo } from './notification/controller.js';
import type { PeriodsByFingerprint } from './notification/schema.js';

export { reportLanguages } from '../config/options.js';
/** A report language (`--lang`). */
export type Lang = (typeof reportLanguages)[number];

/** Everything a site's reports are made from: the saved bundle plus what only the caller knows. */
export interface ReportInput {
  evidence: Evidence;
  findings: FindingsFile;
  /** How the evidence was made (the manifest's facts; the manifest itself is written after the reports). */
  context: ManifestContext;
  /** `--controller`: facts only the controller knows. */
  controller?: ControllerInfo;
  /** Incident periods from the history store, keyed by finding fingerprint. */
  periods?: PeriodsByFingerprint;
  /** UTC time the reports are made; injected so tests are reproducible. */
  now: string;
}
