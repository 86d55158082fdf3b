import type { SiteFingerprint } from '../store/diff.js';

/** The JSON posted to `--webhook`: Slack-compatible (`text`), with the facts for machines beside it. */
export interface WebhookPayload {
  /** One readable message: Slack, Mattermost and Teams incoming webhooks show this field. */
  text: string;
  runId: string;
  /** Absolute path of the run folder on the scanning machine. */
  runDir: string;
  /** New findings by site: fingerprints not seen by the site's previous successful scan. */
  sites: Array<{ site: string; newFindings: Array<Omit<SiteFingerprint, 'site'>> }>;
}

/** Builds the message; no persona value is in it (the matched text stays in the bundle). */
export function webhookPayload(run: { runId: string; runDir: string }, fresh: readonly SiteFingerprint[]): WebhookPayload {
  const bySite = new Map<string, SiteFingerprint[]>();
  for (const f of fresh) bySite.set(f.site, [...(bySite.get(f.site) ?? []), f]);
  const lines = [`pixel-audit: ${fresh.length} new finding(s) on ${bySite.size} site(s) in run ${run.runId}`];
  for (const [site, list] of bySite) {
    lines.push(`• ${site}`);
    for (const f of list.slice(0, 10)) {
      lines.push(`   – ${f.tracker} (${f.recipientHost}) received ${f.dataCategory} in ${f.parameter} [${f.transform.join(' → ')}], severity ${f.severity}`);
    }
    if (list.length > 10) lines.push(`   – … and ${list.length - 10} more`);
  }
  lines.push(`evidence: ${run.runDir}`);
  return {
    text: lines.join('\n'),
    runId: run.runId,
    runDir: run.runDir,
    sites: [...bySite].map(([site, list]) => ({ site, newFindings: list.map(({ site: _site, ...rest }) => rest) })),
  };
}

export interface PostOptions {
  /** Tries in all (first try included). */
  tries?: number;
  /** Wait before the second, third, … try (the last value repeats). */
  backoffMs?: number[];
  /** Per-try time limit. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type PostResult = { ok: true; tries: number } | { ok: false; tries: number; error: string };

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs JSON, retrying on a network error or a non-2xx answer (3 tries, 1 s then 4 s apart by
 * default). Never throws: an alert that fails must not lose the run or change its exit code.
 * The error never names the URL, which is a secret (it carries the channel's token).
 */
export async function postWebhook(url: string, payload: unknown, options: PostOptions = {}): Promise<PostResult> {
  const tries = options.tries ?? 3;
  const backoff = options.backoffMs ?? [1000, 4000];
  const sleep = options.sleep ?? wait;
  let error = 'not tried';
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (attempt > 1) await sleep(backoff[Math.min(attempt - 2, backoff.length - 1)] ?? 0);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined); // free the socket
      if (response.ok) return { ok: true, tries: attempt };
      error = `HTTP ${response.status}`;
    } catch (caught) {
      const cause = (caught as { cause?: { code?: string; message?: string } }).cause;
      error = cause?.code ?? cause?.message ?? (caught as Error).name ?? String(caught);
    }
  }
  return { ok: false, tries, error };
}
