import type { Finding } from '../judge/finding.js';
import { newSincePrevious, type SiteFingerprint } from '../store/diff.js';
import { fingerprintRecords } from '../store/record.js';
import type { Store } from '../store/types.js';
import { postWebhook, webhookPayload, type PostOptions, type PostResult } from './webhook.js';

export interface AlertInput {
  runId: string;
  runDir: string;
  /** The webhook URL (a secret: never logged, never in a manifest). */
  webhook: string;
  /** With a store, "new" means new since the site's previous scan; without one, every finding is new. */
  store?: Store;
  /** The run's findings by site, used when there is no store. */
  findings: ReadonlyArray<{ site: string; findings: readonly Finding[] }>;
  /** Where the one-line failure goes (stderr in the CLI). */
  warn: (line: string) => void;
  post?: PostOptions;
}

/**
 * After a run: posts its new findings, if any, to the webhook. Resolves to what happened and
 * never rejects, so the run's results and exit code stay as they are whatever the webhook does.
 */
export async function alertNewFindings(input: AlertInput): Promise<{ fresh: number; result?: PostResult }> {
  let fresh: SiteFingerprint[];
  try {
    fresh = input.store
      ? await newSincePrevious(input.store, input.runId)
      : input.findings.flatMap((s) => fingerprintRecords(s.findings).map((f) => ({ site: s.site, ...f })));
  } catch (error) {
    input.warn(`pixel-audit: webhook not sent: cannot read the store (${(error as Error).message})`);
    return { fresh: 0 };
  }
  if (!fresh.length) return { fresh: 0 };
  const result = await postWebhook(input.webhook, webhookPayload(input, fresh), input.post);
  if (!result.ok) {
    input.warn(`pixel-audit: webhook failed after ${result.tries} tries (${result.error}); the run and its exit code are unaffected`);
  }
  return { fresh: fresh.length, result };
}
