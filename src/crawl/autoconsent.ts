import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright';

/** A message autoconsent's content script sends (see its `lib/messages.ts`); only the fields we read. */
interface ContentMessage {
  type: string;
  cmp?: string;
  url?: string;
  result?: boolean;
  id?: string;
  code?: string;
  state?: { lifecycle?: string };
  mainFrame?: boolean;
}

interface Rule {
  name: string;
  runContext?: { urlPattern?: string };
}

let bundle: { script: string; generic: Rule[]; specific: Array<{ rule: Rule; pattern: RegExp }> } | undefined;

/**
 * autoconsent's content script (`dist/autoconsent.playwright.js`, which expects the
 * `autoconsentSendMessage` binding) and its rules, loaded once. Rules bound to a URL pattern
 * are sent only to frames whose URL matches, so each frame gets ~200 generic rules, not ~800.
 */
function loadBundle(): NonNullable<typeof bundle> {
  if (bundle) return bundle;
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckduckgo/autoconsent'));
  const script = readFileSync(join(dist, 'autoconsent.playwright.js'), 'utf8');
  const rules = (JSON.parse(readFileSync(require.resolve('@duckduckgo/autoconsent/rules/rules.json'), 'utf8')) as { autoconsent: Rule[] }).autoconsent;
  const generic: Rule[] = [];
  const specific: Array<{ rule: Rule; pattern: RegExp }> = [];
  for (const rule of rules) {
    const pattern = rule.runContext?.urlPattern;
    if (!pattern) generic.push(rule);
    else {
      try {
        specific.push({ rule, pattern: new RegExp(pattern) });
      } catch {
        // a rule whose pattern this engine cannot read is one rule fewer
      }
    }
  }
  bundle = { script, generic, specific };
  return bundle;
}

/** Detection only: we make the choice ourselves, after photographing the banner. */
const CONFIG = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  heuristicMode: 'off',
  detectRetries: 8,
  isMainWorld: true,
  prehideTimeout: 2000,
  visualTest: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
};

/** A consent popup autoconsent found, in the frame that shows it. */
export interface FoundPopup {
  frame: Frame;
  cmp: string;
}

/**
 * Runs @duckduckgo/autoconsent in every frame of a browser context, in detection-only mode:
 * its rules recognise the consent platform and its popup; `act` then asks it to opt in or out.
 */
export class AutoconsentDriver {
  private readonly popups: FoundPopup[] = [];
  private readonly results: Array<{ frame: Frame; type: string; result: boolean; cmp?: string }> = [];
  private readonly done = new Set<Frame>();
  private readonly detected = new Set<Frame>();

  private constructor() {}

  /** Installs the binding and the content script; call before the first navigation. */
  static async install(context: BrowserContext): Promise<AutoconsentDriver> {
    const driver = new AutoconsentDriver();
    const { script } = loadBundle();
    await context.exposeBinding('autoconsentSendMessage', ({ frame }, message: ContentMessage) => driver.onMessage(frame, message));
    await context.addInitScript({ content: script });
    return driver;
  }

  private async onMessage(frame: Frame, message: ContentMessage): Promise<void> {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'init': {
        const url = frame.url();
        if (!/^https?:/.test(url)) return;
        const { generic, specific } = loadBundle();
        const rules = [...generic, ...specific.filter((s) => s.pattern.test(url)).map((s) => s.rule)];
        await send(frame, { type: 'initResp', config: CONFIG, rules: { autoconsent: rules } });
        return;
      }
      case 'cmpDetected':
        this.detected.add(frame);
        return;
      case 'popupFound':
        if (message.cmp) this.popups.push({ frame, cmp: message.cmp });
        return;
      case 'optInResult':
      case 'optOutResult':
        this.results.push({ frame, type: message.type, result: message.result === true, cmp: message.cmp });
        return;
      case 'report':
        if (message.state?.lifecycle === 'nothingDetected' && message.mainFrame) this.done.add(frame);
        return;
      case 'eval': {
        const result = await frame.evaluate(message.code ?? 'false').catch(() => false);
        await send(frame, { type: 'evalResp', id: message.id, result: !!result });
        return;
      }
      default:
    }
  }

  /**
   * Waits for a popup autoconsent recognises in any frame of `page`; gives up early once the
   * top frame reports that no consent platform is there, or when `giveUp` (asked now and then
   * while no platform is detected) says another way was found; else after `maxMs`.
   */
  async waitForPopup(page: Page, maxMs: number, giveUp?: () => Promise<boolean>): Promise<FoundPopup | undefined> {
    const start = Date.now();
    let lastAsked = start;
    while (Date.now() - start < maxMs) {
      const frames = new Set(page.frames());
      const popup = this.popups.find((p) => frames.has(p.frame) && !p.frame.isDetached());
      if (popup) return popup;
      // Consent platforms in iframes report a beat after the page's own verdict.
      if (this.done.has(page.mainFrame()) && Date.now() - start > 1500) return undefined;
      const detected = page.frames().some((f) => this.detected.has(f));
      if (giveUp && !detected && Date.now() - start > 2500 && Date.now() - lastAsked > 1200) {
        lastAsked = Date.now();
        if (await giveUp()) return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return undefined;
  }

  /** Asks autoconsent to opt in (`accept`) or out (`reject`) in the popup's frame; true when its rule succeeded. */
  async act(popup: FoundPopup, mode: 'accept' | 'reject', maxMs = 15_000): Promise<boolean> {
    const type = mode === 'accept' ? 'optIn' : 'optOut';
    const before = this.results.length;
    void send(popup.frame, { type });
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      const result = this.results.slice(before).find((r) => r.frame === popup.frame);
      if (result) return result.result;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return false;
  }
}

function send(frame: Frame, message: unknown): Promise<void> {
  return frame
    .evaluate((msg) => {
      const receive = (window as unknown as { autoconsentReceiveMessage?: (m: unknown) => Promise<void> }).autoconsentReceiveMessage;
      // Not awaited: opting out can take seconds, and the result comes back as a message.
      if (receive) void receive(msg);
    }, message)
    .catch(() => undefined);
}
