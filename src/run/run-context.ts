import type { Baseline } from '../baseline/apply.js';
import type { Finding } from '../judge/finding.js';
import type { ChromiumLocation } from '../browser/find-chromium.js';
import type { KeyObject } from 'node:crypto';
import type { ControllerInfo } from '../report/notification/controller.js';
import type { PeriodsByFingerprint } from '../report/notification/schema.js';
import type { Lang } from '../report/report-input.js';
import type { RuleSet } from '../rules/load.js';

/** What every site of a run shares: rules, browser facts, and the options for the manifest. */
export interface RunContext {
  rules: RuleSet;
  chromium: ChromiumLocation & { version: string };
  /** Options as recorded in manifests (already redacted). */
  recordedOptions: Record<string, unknown>;
  caseRef?: string;
  inspectors: string[];
  /** Language of the notification draft and the control report (`--lang`; default `en`). */
  lang?: Lang;
  /** `--controller`: facts only the controller knows, prefilled into the reports. */
  controller?: ControllerInfo;
  /** `--sign-key`: Ed25519 key that signs each `manifest.json` (writes `manifest.sig`). */
  signingKey?: KeyObject;
  /** `--baseline`: accepted findings, marked on each site's findings before `findings.json` is written. */
  baseline?: Baseline;
  /** Incident periods from history, keyed by finding fingerprint (the history store supplies them). */
  periods?: (site: string, pending: PendingScan) => Promise<PeriodsByFingerprint | undefined>;
}

/**
 * The scan being reported, not yet in the store: the notification's period must include
 * tonight's observation, or a leak that began today would have no period at all.
 */
export interface PendingScan {
  findings: readonly Finding[];
  startedAt: string;
  endedAt: string;
  consent: 'none' | 'accept' | 'reject';
}
