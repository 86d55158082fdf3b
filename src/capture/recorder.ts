import type { BrowserContext, Page, Request, WebSocket } from 'playwright';
import type { CapturedRequest } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import { BlobBodies } from './blob-bodies.js';

interface Pending {
  record: CapturedRequest;
  headers: Promise<Record<string, string>>;
}

/**
 * Records every request of a browser context — pages, frames, workers, service workers — and
 * every WebSocket frame the page sends, with the timeline position it followed. Raw facts
 * only: judging them is for later stages.
 */
export class RequestRecorder {
  private readonly pending = new Map<Request, Pending>();
  private readonly frames: Pending[] = [];
  private readonly blobs = new BlobBodies();
  private counter = 0;

  constructor(
    private readonly timeline: Timeline,
    private readonly intercepted: InterceptedSet,
  ) {}

  attach(context: BrowserContext): void {
    context.on('request', (request) => this.onRequest(request));
    context.on('requestfinished', (request) => void this.onFinished(request));
    context.on('requestfailed', (request) => this.onFailed(request));
    context.on('page', (page) => this.attachPage(page));
    for (const page of context.pages()) this.attachPage(page);
  }

  private nextId(): string {
    this.counter += 1;
    return `r${String(this.counter).padStart(4, '0')}`;
  }

  private attachPage(page: Page): void {
    page.on('websocket', (ws) => this.onWebSocket(ws, page));
    void this.blobs.attach(page);
  }

  private onRequest(request: Request): void {
    let frameUrl: string | undefined;
    let pageUrl: string | undefined;
    try {
      const frame = request.frame();
      frameUrl = frame.url() || undefined;
      pageUrl = frame.page().url() || undefined;
    } catch {
      // Service-worker requests have no frame.
    }
    const body = request.postDataBuffer();
    const record: CapturedRequest = {
      id: this.nextId(),
      at: new Date().toISOString(),
      channel: 'http',
      method: request.method(),
      url: request.url(),
      resourceType: request.resourceType(),
      headers: {},
      bodyBase64: body && body.length ? body.toString('base64') : undefined,
      frameUrl,
      pageUrl,
      afterAction: this.timeline.current(),
      outcome: { delivered: false },
    };
    // allHeaders() includes cookies and is complete only once the request is on the wire.
    const headers = request.allHeaders().catch(() => request.headers());
    this.pending.set(request, { record, headers });
  }

  private async onFinished(request: Request): Promise<void> {
    const entry = this.pending.get(request);
    if (!entry) return;
    const response = await request.response().catch(() => null);
    if (this.intercepted.has(request)) {
      entry.record.outcome = { delivered: false, status: response?.status(), interceptedBy: 'pixel-audit' };
    } else {
      entry.record.outcome = { delivered: response !== null, status: response?.status() };
    }
  }

  private onFailed(request: Request): void {
    const entry = this.pending.get(request);
    if (!entry) return;
    const failure = request.failure()?.errorText ?? 'failed';
    // Chromium reports a navigation answered with 204 as aborted: for one we answered, say so.
    entry.record.outcome = this.intercepted.has(request)
      ? { delivered: false, failure, interceptedBy: 'pixel-audit' }
      : { delivered: false, failure };
  }

  private onWebSocket(ws: WebSocket, page: Page): void {
    ws.on('framesent', ({ payload }) => {
      const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
      const record: CapturedRequest = {
        id: this.nextId(),
        at: new Date().toISOString(),
        channel: 'websocket',
        method: 'WS',
        url: ws.url(),
        resourceType: 'websocket',
        headers: {},
        bodyBase64: body.toString('base64'),
        pageUrl: page.url(),
        afterAction: this.timeline.current(),
        // A frame handed to an open socket has left the browser.
        outcome: { delivered: true },
      };
      this.frames.push({ record, headers: Promise.resolve({}) });
    });
  }

  /** Settles header look-ups and returns every record in the order the browser issued them. */
  async finish(): Promise<CapturedRequest[]> {
    const all = [...this.pending.values(), ...this.frames];
    const late = <T>(value: Promise<T>, fallback: T): Promise<T> =>
      Promise.race([value, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), 2000))]);
    for (const entry of all) {
      entry.record.headers = await late(entry.headers, {});
      const { record } = entry;
      if (record.channel === 'http' && record.bodyBase64 === undefined && record.method !== 'GET' && record.method !== 'HEAD') {
        // A Blob body Playwright reported without its bytes (blob-bodies.ts).
        const body = await late(this.blobs.take(record.method, record.url) ?? Promise.resolve(undefined), undefined);
        if (body !== undefined && body.length > 0) record.bodyBase64 = body.toString('base64');
      }
    }
    return all.map((e) => e.record).sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  }
}
