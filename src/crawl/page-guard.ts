import type { BrowserContext, Dialog, Page } from 'playwright';
import type { PageEvent, PageRecord } from '../evidence/schema.js';

/** Events kept per page; a page that fires hundreds of dialogs is summarised. */
const MAX_EVENTS_PER_PAGE = 25;
/** How long a popup or new tab may run (its requests are captured) before it is closed. */
const POPUP_LIFETIME_MS = 3000;
/** Popups kept open at once; a page that opens more (a popup bomb) has the rest closed at once. */
const MAX_OPEN_POPUPS = 3;

/**
 * Answers what hostile and awkward pages throw at a visitor, records it on the page being
 * scanned, and keeps the crawl going: JS dialogs (alert and confirm accepted, as a visitor
 * clicks OK; prompt dismissed, so no persona value goes into it), `beforeunload` (accepted, so
 * the crawl can leave), popups and new tabs (captured, then closed), downloads (cancelled) and
 * renderer crashes (flagged, so the crawler opens a fresh tab).
 */
export class PageGuard {
  private record?: PageRecord;
  private readonly records: PageRecord[] = [];
  private readonly early: PageEvent[] = [];
  private readonly mainPages = new Set<Page>();
  private dropped = 0;
  private opening = 0;
  private openPopups = 0;
  /** Set when the crawl's tab crashed; the crawler replaces the tab and clears it. */
  crashed = false;

  constructor(private readonly context: BrowserContext) {
    context.on('page', (page) => void this.onNewPage(page));
  }

  /** The page record events are written to from now on. */
  setRecord(record: PageRecord): void {
    this.record = record;
    this.records.push(record);
    this.dropped = 0;
    if (this.early.length) {
      for (const event of this.early.splice(0)) this.add(event.type, event.detail);
    }
  }

  /** Opens a tab for the crawl itself (the first, or a fresh one after a crash) and watches it. */
  async newPage(): Promise<Page> {
    this.opening += 1;
    try {
      const page = await this.context.newPage();
      this.watch(page);
      return page;
    } finally {
      this.opening -= 1;
    }
  }

  /** Watches the crawl's own tab. */
  private watch(page: Page): void {
    this.mainPages.add(page);
    this.watchAny(page);
    page.on('crash', () => {
      this.crashed = true;
      this.add('crash', `the renderer crashed at ${safeUrl(page)}; a fresh tab continues the crawl`);
    });
  }

  /**
   * Records an event on the page it belongs to: the page at `url` when given and scanned (a
   * `beforeunload` or a download fires as the crawl is already on its way to the next page),
   * else the page being scanned now.
   */
  add(type: PageEvent['type'], detail?: string, url?: string): void {
    const event: PageEvent = { at: new Date().toISOString(), type, detail };
    const owner = (url && this.records.findLast((r) => r.url === url || r.finalUrl === url)) || this.record;
    if (!owner) {
      if (this.early.length < MAX_EVENTS_PER_PAGE) this.early.push(event);
      return;
    }
    if (owner !== this.record) {
      (owner.events ??= []).push(event);
      return;
    }
    const events = (this.record!.events ??= []);
    if (events.length < MAX_EVENTS_PER_PAGE - 1) {
      events.push(event);
      return;
    }
    this.dropped += 1;
    const summary = { at: event.at, type: 'truncated' as const, detail: `${this.dropped} more event(s) not recorded (last: ${type}${detail ? `: ${detail}` : ''})` };
    if (events.length === MAX_EVENTS_PER_PAGE) events[events.length - 1] = summary;
    else events.push(summary);
  }

  private watchAny(page: Page): void {
    page.on('dialog', (dialog) => void this.onDialog(dialog));
    page.on('download', (download) => {
      this.add('download', `${download.suggestedFilename()} from ${download.url()}: cancelled`, download.url());
      void download.cancel().catch(() => undefined);
    });
  }

  private async onDialog(dialog: Dialog): Promise<void> {
    const type = dialog.type();
    const message = dialog.message().replace(/\s+/g, ' ').trim().slice(0, 200);
    const from = dialog.page()?.url();
    try {
      if (type === 'beforeunload') {
        this.add('beforeunload', 'the page asked to stay; left anyway', from);
        await dialog.accept();
      } else if (type === 'prompt') {
        this.add('dialog', `prompt "${message}": dismissed`, from);
        await dialog.dismiss();
      } else {
        this.add('dialog', `${type} "${message}": accepted`, from);
        await dialog.accept();
      }
    } catch {
      // the page went away with its dialog
    }
  }

  private async onNewPage(page: Page): Promise<void> {
    if (this.opening > 0 || this.mainPages.has(page)) return;
    this.watchAny(page);
    if (this.openPopups >= MAX_OPEN_POPUPS) {
      this.add('popup', `another new tab or window (${safeUrl(page)}) while ${MAX_OPEN_POPUPS} were open; closed at once`);
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
      return;
    }
    this.openPopups += 1;
    try {
      await page.waitForLoadState('domcontentloaded', { timeout: POPUP_LIFETIME_MS }).catch(() => undefined);
      this.add('popup', `a new tab or window opened ${safeUrl(page)}; its requests are captured, then it is closed`);
      await new Promise((resolve) => setTimeout(resolve, POPUP_LIFETIME_MS));
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
    } finally {
      this.openPopups -= 1;
    }
  }
}

function safeUrl(page: Page): string {
  try {
    return page.url() || 'about:blank';
  } catch {
    return 'an unknown URL';
  }
}
