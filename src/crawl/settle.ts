import type { BrowserContext } from 'playwright';

/**
 * Waits until the context has started no request for `quietMs` (trackers often send a beat
 * after the event: async hashing, batching), or `maxMs` passed. Cheaper and more faithful
 * than Playwright's `networkidle`, which waits on long-polling pages forever.
 */
export async function settle(context: BrowserContext, quietMs = 600, maxMs = 5000): Promise<void> {
  let last = Date.now();
  const onRequest = (): void => {
    last = Date.now();
  };
  context.on('request', onRequest);
  const start = Date.now();
  try {
    while (Date.now() - start < maxMs && Date.now() - last < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    context.off('request', onRequest);
  }
}
