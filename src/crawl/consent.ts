import type { Frame, Locator, Page } from 'playwright';
import type { ConsentRecord } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { AutoconsentDriver } from './autoconsent.js';
import { consentButtonIntent, mentionsConsent } from './consent-text.js';

/** How long the first page may take to show a banner a rule knows. */
const AUTOCONSENT_WAIT_MS = 6000;
const CANDIDATES = 'button, [role=button], a, input[type=button], input[type=submit]';

/**
 * Makes the consent choice asked for on the page. First with @duckduckgo/autoconsent's rules
 * (which know the common consent platforms, in any frame), then — for banners no rule knows —
 * by the buttons' words in the audited languages. The banner is photographed before the
 * click, as evidence of what the visitor was shown.
 */
export async function handleConsent(
  page: Page,
  mode: ConsentRecord['mode'],
  timeline: Timeline,
  screenshot: { path: string; name: string },
  driver?: AutoconsentDriver,
): Promise<ConsentRecord> {
  if (mode === 'none') return { mode, state: 'none', bannerFound: false };
  const state = mode === 'accept' ? 'accepted' : 'rejected';
  // A banner no rule knows is answered by its words as soon as autoconsent has had a fair chance.
  let early: { frame: Frame; button: { locator: Locator; text: string } } | undefined;
  const textFound = async (): Promise<boolean> => {
    early = await findInFrames(page, mode);
    return early !== undefined;
  };
  const popup = driver ? await driver.waitForPopup(page, AUTOCONSENT_WAIT_MS, textFound) : undefined;
  let ruleFailed: string | undefined;
  if (popup) {
    const shot = await photograph(page, screenshot.path);
    timeline.add({ type: 'consent', pageUrl: page.url(), detail: `${mode}: autoconsent rule "${popup.cmp}"`, ...frameOf(page, popup.frame) });
    if (await driver!.act(popup, mode)) {
      return { mode, state, bannerFound: true, method: 'autoconsent', cmp: popup.cmp, detail: `autoconsent rule "${popup.cmp}" ${mode === 'accept' ? 'opted in' : 'opted out'}`, screenshot: shot ? screenshot.name : undefined };
    }
    ruleFailed = `autoconsent rule "${popup.cmp}" recognised the banner but could not ${mode} it`;
  }
  const found = early ?? (await findInFrames(page, mode));
  if (found) {
    const { frame, button } = found;
    const shot = await photograph(page, screenshot.path);
    timeline.add({ type: 'consent', pageUrl: page.url(), detail: `${mode}: clicked "${button.text}"`, ...frameOf(page, frame) });
    await button.locator.click({ timeout: 5000 }).catch(() => button.locator.dispatchEvent('click'));
    return {
      mode, state, bannerFound: true, method: 'text', cmp: popup?.cmp,
      detail: `${ruleFailed ? `${ruleFailed}; ` : ''}clicked "${button.text}"`,
      screenshot: shot ? screenshot.name : undefined,
    };
  }
  return { mode, state: 'none', bannerFound: !!popup, cmp: popup?.cmp, detail: ruleFailed ?? `no ${mode} button found` };
}

async function findInFrames(page: Page, mode: 'accept' | 'reject'): Promise<{ frame: Frame; button: { locator: Locator; text: string } } | undefined> {
  for (const frame of page.frames()) {
    const button = await findButton(frame, mode);
    if (button) return { frame, button };
  }
  return undefined;
}

/** The first visible button whose words mean the choice, in a banner that speaks of cookies or consent. */
async function findButton(frame: Frame, mode: 'accept' | 'reject'): Promise<{ locator: Locator; text: string } | undefined> {
  const candidates = frame.locator(CANDIDATES);
  const count = Math.min(await candidates.count().catch(() => 0), 200);
  for (let i = 0; i < count; i += 1) {
    const candidate = candidates.nth(i);
    const text = ((await candidate.innerText({ timeout: 1000 }).catch(() => '')) || (await candidate.getAttribute('value', { timeout: 1000 }).catch(() => '')) || '')
      .replace(/\s+/g, ' ')
      .trim();
    if (consentButtonIntent(text) !== mode || !(await candidate.isVisible().catch(() => false))) continue;
    // "OK" or "Accept" mean the banner only where the text around them speaks of cookies or consent.
    const around = await candidate
      .evaluate((el) => {
        let node: Element | null = el;
        for (let i = 0; i < 6 && node; i += 1) {
          const t = (node as HTMLElement).innerText ?? '';
          if (t.length > 40) return t.slice(0, 2000);
          node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
        }
        return '';
      })
      .catch(() => '');
    if (mentionsConsent(`${text} ${around}`)) return { locator: candidate, text };
  }
  return undefined;
}

async function photograph(page: Page, path: string): Promise<boolean> {
  return page.screenshot({ path, timeout: 5000 }).then(() => true, () => false);
}

function frameOf(page: Page, frame: Frame): { frameUrl?: string } {
  return frame === page.mainFrame() ? {} : { frameUrl: frame.url() };
}
