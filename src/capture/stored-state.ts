import type { BrowserContext, Cookie, Frame, Page } from 'playwright';
import type { Timeline } from '../evidence/timeline.js';
import { MAX_STORED_VALUE_CHARS, type StorageItem, type StoredCookie } from '../evidence/stored-state.js';

/** How long one page's frames may take to answer before the page is let go. */
const READ_TIMEOUT_MS = 1500;
/** Items kept per site, against a page that fills its storage in a loop. */
const MAX_ITEMS = 2000;

interface FrameStorage {
  origin: string;
  local: Array<[string, string]>;
  session: Array<[string, string]>;
}

/**
 * Runs inside a frame. Reads through `Storage.prototype` rather than the page's own globals,
 * which a page may have replaced; a frame whose storage is refused (sandboxed, opaque origin)
 * reads as empty.
 */
function readFrameStorage(): FrameStorage {
  const entries = (area: 'localStorage' | 'sessionStorage'): Array<[string, string]> => {
    try {
      const storage = window[area];
      const out: Array<[string, string]> = [];
      const n = Object.getOwnPropertyDescriptor(Storage.prototype, 'length')!.get!.call(storage) as number;
      for (let i = 0; i < n && i < 1000; i++) {
        const key = Storage.prototype.key.call(storage, i);
        if (key !== null) out.push([key, Storage.prototype.getItem.call(storage, key) ?? '']);
      }
      return out;
    } catch {
      return [];
    }
  };
  return { origin: location.origin, local: entries('localStorage'), session: entries('sessionStorage') };
}

const clip = (value: string): { value: string; truncated?: true } =>
  value.length > MAX_STORED_VALUE_CHARS ? { value: value.slice(0, MAX_STORED_VALUE_CHARS), truncated: true } : { value };

/**
 * Records the cookie jar and every frame's localStorage/sessionStorage of a browser context.
 * Third-party frames' storage is partitioned by the top-level site and sessionStorage lives and
 * dies with its tab, so both can only be read from inside the frames while they exist: every
 * open page is read as each crawler action (blur, click, submit, navigate…) is recorded,
 * before it is performed — so what a tracker stored on the change of the last field is read
 * before the page goes — and again when a main frame starts a navigation and just before a page
 * closes; the jar and any open page once more by {@link finish}. Reading never fails a scan.
 */
export class StoredStateRecorder {
  private readonly cookies = new Map<string, StoredCookie>();
  private readonly items = new Map<string, StorageItem>();
  private readonly reads = new Set<Promise<void>>();

  constructor(private readonly timeline: Timeline) {}

  attach(context: BrowserContext): void {
    context.on('page', (page) => this.watch(page));
    for (const page of context.pages()) this.watch(page);
    // Keystrokes change no storage worth a read each, and a focus follows the previous field's
    // blur by milliseconds (that read already saw it); every other action may follow a write.
    this.timeline.onAction((action) => {
      if (action.type !== 'type' && action.type !== 'focus') for (const page of context.pages()) this.track(this.readPage(page).catch(() => undefined));
    });
  }

  private watch(page: Page): void {
    // The old document still answers while its replacement is being fetched.
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) this.track(this.readPage(page).catch(() => undefined));
    });
    // Playwright has no "before close" event, and the crawler closes its tab at the end of a
    // site: read the page first, whoever closes it.
    const close = page.close.bind(page);
    page.close = async (options) => {
      await this.readPage(page).catch(() => undefined);
      return close(options);
    };
  }

  private track(read: Promise<void>): void {
    this.reads.add(read);
    void read.finally(() => this.reads.delete(read));
  }

  /** Reads every frame of `page`, within {@link READ_TIMEOUT_MS}; frames that do not answer are skipped. */
  async readPage(page: Page): Promise<void> {
    if (page.isClosed()) return;
    const pageUrl = page.url();
    const at = new Date().toISOString();
    const afterAction = this.timeline.current();
    const reads = page.frames().map((frame) => this.readFrame(frame, pageUrl, at, afterAction));
    // The jar too: a cookie a page deletes later was still stored for a while.
    reads.push(page.context().cookies().then((cookies) => this.addCookies(cookies), () => undefined));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(reads), new Promise((resolve) => { timer = setTimeout(resolve, READ_TIMEOUT_MS); })]);
    clearTimeout(timer);
  }

  private async readFrame(frame: Frame, pageUrl: string, at: string, afterAction: number | null): Promise<void> {
    const frameUrl = frame.url();
    if (!/^https?:/.test(frameUrl)) return;
    const storage = await frame.evaluate(readFrameStorage).catch(() => undefined);
    if (!storage || storage.origin === 'null') return;
    for (const area of ['local', 'session'] as const) {
      for (const [key, raw] of storage[area]) {
        const dedupe = `${storage.origin}\u0000${area}\u0000${key}\u0000${raw}`;
        if (this.items.has(dedupe) || this.items.size >= MAX_ITEMS) continue;
        const id = `s${String(this.items.size + 1).padStart(4, '0')}`;
        this.items.set(dedupe, { id, at, origin: storage.origin, area, key, ...clip(raw), frameUrl, pageUrl, afterAction });
      }
    }
  }

  private addCookies(cookies: Cookie[]): void {
    const at = new Date().toISOString();
    const afterAction = this.timeline.current();
    for (const c of cookies) {
      const dedupe = [c.domain, c.path, c.name, c.value, c.partitionKey ?? ''].join('\u0000');
      if (this.cookies.has(dedupe) || this.cookies.size >= MAX_ITEMS) continue;
      const id = `c${String(this.cookies.size + 1).padStart(4, '0')}`;
      this.cookies.set(dedupe, {
        id, at, name: c.name, ...clip(c.value), domain: c.domain, path: c.path, expires: c.expires,
        httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite,
        ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}), afterAction,
      });
    }
  }

  /**
   * Reads the jar and the pages still open, waits for reads under way, and returns everything
   * read, in the order first seen. Call before the context closes.
   */
  async finish(context: BrowserContext): Promise<{ cookieJar: StoredCookie[]; storage: StorageItem[] }> {
    await Promise.all(context.pages().map((page) => this.readPage(page).catch(() => undefined)));
    await Promise.all([...this.reads].map((read) => read.catch(() => undefined)));
    this.addCookies(await context.cookies().catch(() => []));
    return { cookieJar: [...this.cookies.values()], storage: [...this.items.values()] };
  }
}
