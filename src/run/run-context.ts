import type { ChromiumLocation } from '../browser/find-chromium.js';
import type { RuleSet } from '../rules/load.js';

/** What every site of a run shares: rules, browser facts, and the options for the manifest. */
export interface RunContext {
  rules: RuleSet;
  chromium: ChromiumLocation & { version: string };
  /** Options as recorded in manifests (already redacted). */
  recordedOptions: Record<string, unknown>;
  caseRef?: string;
  inspectors: string[];
}
