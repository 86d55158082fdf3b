import type { CDPSession, Page } from 'playwright';

/*
 * Request bodies Playwright does not see. Chromium reports a body made of a Blob —
 * `navigator.sendBeacon(url, new Blob([json]))`, `fetch(url, { body: blob })`, a FormData
 * holding a file — without its bytes, so `request.postDataBuffer()` is null and the HAR has
 * no postData, yet the beacon carried the data. DevTools' `Network.getRequestPostData` reads
 * them: one CDP session per page asks for every body announced without its data. Bodies are
 * queued by method and URL (fragment dropped) and claimed in order by the recorder.
 *
 * Not covered: requests of cross-site (out-of-process) iframes and of workers, which live in
 * other DevTools targets than the page's.
 */

interface WillBeSent {
  requestId: string;
  request: { url: string; method: string; hasPostData?: boolean; postData?: string };
}

const keyOf = (method: string, url: string): string => `${method} ${url.split('#')[0]}`;

export class BlobBodies {
  private readonly queues = new Map<string, Array<Promise<Buffer | undefined>>>();

  /** Starts listening on `page`; a browser without DevTools sessions is left alone. */
  async attach(page: Page): Promise<void> {
    let session: CDPSession;
    try {
      session = await page.context().newCDPSession(page);
      session.on('Network.requestWillBeSent', (event: WillBeSent) => {
        const { request } = event;
        if (request.hasPostData !== true || request.postData !== undefined) return;
        const body = session.send('Network.getRequestPostData', { requestId: event.requestId })
          .then((r) => Buffer.from(r.postData, r.base64Encoded ? 'base64' : 'utf8'), () => undefined);
        const key = keyOf(request.method, request.url);
        this.queues.set(key, [...(this.queues.get(key) ?? []), body]);
      });
      await session.send('Network.enable');
    } catch {
      // Not Chromium, or the page closed first: bodies stay as Playwright reports them.
    }
  }

  /** The next body read for a request of `method` to `url` that Playwright reported without one. */
  take(method: string, url: string): Promise<Buffer | undefined> | undefined {
    return this.queues.get(keyOf(method, url))?.shift();
  }
}
