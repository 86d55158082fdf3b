import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Browser } from 'playwright';
import { normalUserAgent } from '../browser/user-agent.js';
import { crawlSite } from '../crawl/crawl-site.js';
import { Timeline } from '../evidence/timeline.js';
import { personaForSite } from '../run/persona-for.js';
import type { InterceptedSet } from '../shared/intercepted.js';

/**
 * The scan's own crawler (same visits, consent step, typing, clicks, waits and screenshots) with
 * no HAR, no request capture, no detection and no bundle: the middle step between the bare
 * baseline and the full scan, so the benchmark can say which part costs what.
 * Resolves to the number of pages loaded.
 */
export async function crawlOnly(
  browser: Browser,
  urls: string[],
  concurrency: number,
  options: { seed: string; maxPages: number; ignoreHTTPSErrors: boolean },
): Promise<number> {
  const limit = pLimit(concurrency);
  const shots = await mkdtemp(join(tmpdir(), 'pixel-audit-bench-shots-'));
  const userAgent = normalUserAgent(browser.version());
  try {
    const pages = await Promise.all(urls.map((raw, i) => limit(async () => {
      const url = new URL(raw);
      await mkdir(join(shots, String(i)), { recursive: true });
      const context = await browser.newContext({ ignoreHTTPSErrors: options.ignoreHTTPSErrors, userAgent, viewport: { width: 1280, height: 900 } });
      // The scan's hard stop (src/run/scan-site.ts): past the deadline plus grace the context is
      // closed under the crawler, so a page that stalls it (the hostile fixture) cannot hang the bench.
      const killer = setTimeout(() => void context.close().catch(() => undefined), 180_000 + 15_000);
      try {
        const intercepted: InterceptedSet = new WeakSet();
        const result = await crawlSite(context, {
          startUrl: url, maxPages: options.maxPages, depth: 2, consent: 'none', submit: 'intercept', pageTimeoutSeconds: 30,
          deadline: Date.now() + 180_000, screenshotDir: { path: join(shots, String(i)), name: 'screenshots' },
        }, personaForSite(options.seed, url.hostname), new Timeline(), intercepted);
        return result.pages.filter((p) => !p.error).length;
      } catch {
        return 0;
      } finally {
        clearTimeout(killer);
        await context.close().catch(() => undefined);
      }
    })));
    return pages.reduce((a, b) => a + b, 0);
  } finally {
    await rm(shots, { recursive: true, force: true });
  }
}
