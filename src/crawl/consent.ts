import type { Page } from 'playwright';
import type { ConsentRecord } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';

/** Button texts that mean "accept all" / "reject all" in the audited languages. */
const ACCEPT = /^(accept( all)?( cookies)?|allow all|agree|i agree|ok(ay)?|godk[äa]nn( alla)?( cookies)?|acceptera( alla)?( cookies)?|till[åa]t alla|godta( alle)?|aksepter( alle)?|tillat alle|accepter( alle)?|tillad alle|hyv[äa]ksy( kaikki)?|salli kaikki|alle akzeptieren|akzeptieren|tout accepter|accepter( tout)?|alles accepteren|accepteren|aceptar( todo| todas)?|accetta( tutto| tutti)?)$/i;
const REJECT = /^(reject( all)?|decline( all)?|deny|only (necessary|essential)( cookies)?|necessary only|neka( alla)?|avvisa( alla)?|endast n[öo]dv[äa]ndiga|bara n[öo]dv[äa]ndiga|avsl[åa]( alle)?|kun n[øo]dvendige|afvis( alle)?|hyl[äa]tt[äa]( kaikki)?|vain v[äa]ltt[äa]m[äa]tt[öo]m[äa]t|alle ablehnen|ablehnen|nur notwendige|tout refuser|refuser|alles weigeren|weigeren|rechazar( todo| todas)?|rifiuta( tutto| tutti)?)$/i;

/**
 * Makes the consent choice asked for, using the visible buttons' text (a fallback that works
 * on banners no rule knows). The banner is photographed before the click, as evidence of
 * what the visitor was shown.
 */
export async function handleConsent(
  page: Page,
  mode: ConsentRecord['mode'],
  timeline: Timeline,
  screenshot: { path: string; name: string },
): Promise<ConsentRecord> {
  if (mode === 'none') return { mode, state: 'none', bannerFound: false };
  const pattern = mode === 'accept' ? ACCEPT : REJECT;
  const candidates = page.locator('button, [role=button], a, input[type=button], input[type=submit]');
  const count = Math.min(await candidates.count().catch(() => 0), 200);
  for (let i = 0; i < count; i += 1) {
    const candidate = candidates.nth(i);
    const text = ((await candidate.innerText({ timeout: 1000 }).catch(() => '')) || (await candidate.getAttribute('value').catch(() => '')) || '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!pattern.test(text) || !(await candidate.isVisible().catch(() => false))) continue;
    const shot = await page.screenshot({ path: screenshot.path, timeout: 5000 }).then(() => true, () => false);
    timeline.add({ type: 'consent', pageUrl: page.url(), detail: `${mode}: clicked "${text}"` });
    await candidate.click({ timeout: 5000 });
    return {
      mode,
      state: mode === 'accept' ? 'accepted' : 'rejected',
      bannerFound: true,
      detail: `clicked "${text}"`,
      screenshot: shot ? screenshot.name : undefined,
    };
  }
  return { mode, state: 'none', bannerFound: false, detail: `no ${mode} button found` };
}
