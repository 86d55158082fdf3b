import type { Browser } from 'playwright';
import type { LaunchedBrowser } from '../browser/launch.js';

/**
 * Keeps one browser for the run and starts a new one when it has died. Sites scanned at once
 * share the browser, so after a crash several of them ask for a new one together: they must get
 * the same new browser, not one each.
 */
export class BrowserKeeper {
  private current: Promise<LaunchedBrowser>;
  /** Browsers this keeper closed itself: their disconnection is no crash. */
  private readonly closing = new WeakSet<Browser>();

  constructor(
    private readonly launch: () => Promise<LaunchedBrowser>,
    first: LaunchedBrowser,
    private readonly onRestart?: () => void,
  ) {
    this.current = Promise.resolve(first);
  }

  /** A connected browser: the current one, or a new one when it crashed (or failed to start). */
  async get(): Promise<LaunchedBrowser> {
    const pending = this.current;
    const launched = await pending.catch(() => undefined);
    if (launched?.browser.isConnected()) return launched;
    if (this.current === pending) {
      this.onRestart?.();
      this.current = this.launch();
    }
    return this.current;
  }

  /** True when `browser` went away without this keeper closing it. */
  crashed(browser: Browser): boolean {
    return !browser.isConnected() && !this.closing.has(browser);
  }

  async close(): Promise<void> {
    const launched = await this.current.catch(() => undefined);
    if (!launched) return;
    this.closing.add(launched.browser);
    await launched.browser.close().catch(() => undefined);
  }
}
