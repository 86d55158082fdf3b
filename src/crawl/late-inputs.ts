import type { JSHandle, Page } from 'playwright';
import { MAX_FRAMES, withTimeout } from './form-scan.js';

/** How long after the page's load event a form rendered late by script is waited for, at most. */
export const LATE_INPUT_WINDOW_MS = 2500;
/**
 * A page whose network and DOM have both been still this long is taken as rendered. Longer than
 * the gaps of an app's boot we know of (the wizard fixture renders 1.2 s after its script ran,
 * ≈ 0.6 s before this wait starts, once the page's network went quiet). The trade: a form drawn
 * by a bare timer later than this after the last request or element change is missed, where the
 * former fixed 2.5 s wait caught one up to ≈ 2 s later.
 */
export const LATE_INPUT_QUIET_MS = 1000;

export interface LateInputOptions {
  /** The window after `since` (the load event). */
  maxMs?: number;
  /** The least time from the call, for a page that took long to go quiet. */
  minMs?: number;
  /** Network and DOM stillness that ends the wait early. */
  quietMs?: number;
}

/**
 * Waits for inputs that scripts render after load (single-page apps, widgets that load their
 * form into an iframe). Returns true as soon as any frame shows a visible input; false once the
 * page has started no request and changed no element for `quietMs` (a static page: waiting
 * longer buys nothing), or when the window of `maxMs` after `since` (the load event) is over —
 * the time the crawl already spent on the page (network quiet, links, sitemap) counts, as it
 * was time the page had to render its form. A page that took long to go quiet gets `minMs`.
 */
export async function waitForInputs(page: Page, since = Date.now(), options: LateInputOptions = {}): Promise<boolean> {
  const { maxMs = LATE_INPUT_WINDOW_MS, minMs = 1000, quietMs = LATE_INPUT_QUIET_MS } = options;
  const start = Date.now();
  const deadline = Math.max(since + maxMs, start + minMs);
  let lastRequest = start;
  const onRequest = (): void => {
    lastRequest = Date.now();
  };
  page.on('request', onRequest);
  const dom = await watchDom(page);
  try {
    for (;;) {
      for (const frame of page.frames().slice(0, MAX_FRAMES)) {
        if (frame.isDetached()) continue;
        const found = await withTimeout(frame.evaluate(hasVisibleInput), 2000).catch(() => false);
        if (found) return true;
      }
      const now = Date.now();
      if (now >= deadline) return false;
      // A frame we cannot watch (navigating, closed) counts as busy: the window decides then.
      const domQuiet = dom ? await withTimeout(dom.evaluate((s) => performance.now() - s.last), 2000).catch(() => 0) : 0;
      if (Math.min(now - lastRequest, domQuiet) >= quietMs) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(150, Math.max(0, deadline - Date.now()))));
    }
  } finally {
    page.off('request', onRequest);
    await dom?.evaluate((s) => s.observer.disconnect()).catch(() => undefined);
    await dom?.dispose().catch(() => undefined);
  }
}

/**
 * Notes the time of the last element added to or removed from the main document, from now on
 * (held by a handle, nothing left on the page's globals). Rendering a form adds elements; an
 * element's own changes (a carousel's style, a clock's text) do not count.
 */
async function watchDom(page: Page): Promise<JSHandle<{ last: number; observer: MutationObserver }> | undefined> {
  return withTimeout(page.mainFrame().evaluateHandle(() => {
    const state = { last: performance.now(), observer: undefined as unknown as MutationObserver };
    state.observer = new MutationObserver(() => {
      state.last = performance.now();
    });
    state.observer.observe(document, { childList: true, subtree: true });
    return state;
  }), 2000).catch(() => undefined);
}

/** In-page: is there a visible input (not a search box), in the document or an open shadow root? */
function hasVisibleInput(): boolean {
  const visit = (root: Document | ShadowRoot): boolean => {
    const selector = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=search]), textarea, select';
    for (const el of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
      // A site search box in the header says nothing about the form a script is still rendering.
      if (el.closest('[role=search]') || /^(q|s|query|search|sok|suche)$/i.test(el.getAttribute('name') ?? '')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0) return true;
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      if (shadow && visit(shadow)) return true;
    }
    return false;
  };
  return visit(document);
}

