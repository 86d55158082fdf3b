import type { FixtureSite } from './fixture-hosts.js';

/**
 * Registers `n` copies of each scannable fixture site under `c<i>.<host>` (served from the same
 * folder) and returns their start URLs, copy by copy in site order: a corpus of many distinct
 * sites for the fleet benchmark. Copies keep the registrable domain (`c2.www.x.test`), so a
 * page's absolute links stay same-site.
 */
export function addSiteCopies(sitesByHost: Map<string, FixtureSite>, scannable: readonly FixtureSite[], n: number): string[] {
  const copies: string[] = [];
  for (let i = 1; i <= n; i++) {
    for (const site of scannable) {
      sitesByHost.set(`c${i}.${site.host}`, site);
      copies.push(`https://c${i}.${site.host}${site.startPath}`);
    }
  }
  return copies;
}
