/**
 * `pixel-audit/test`: Playwright Test with an `audit` fixture. The only module that imports
 * `@playwright/test` (an optional peer dependency): `import 'pixel-audit'` never needs it.
 */
import { join } from 'node:path';
import { expect as baseExpect, test as base } from '@playwright/test';
import { normalUserAgent } from '../browser/user-agent.js';
import type { Severity } from '../config/options.js';
import { BUNDLE_FILES } from '../evidence/bundle.js';
import { Audit } from './audit.js';
import { parseAuditOptions, type AuditOptionsInput } from './audit-options.js';
import { describeLeaks, leaksAtOrAbove } from './leak-message.js';

export { Audit } from './audit.js';
export type { AuditOptions, AuditOptionsInput } from './audit-options.js';

/** Folder of a test's evidence bundle, inside its output folder. */
export const AUDIT_FOLDER = 'pixel-audit';

/** Fixtures `pixel-audit/test` adds to Playwright Test's. */
export interface AuditFixtures {
  /** Captures every request of the test's `context`; fills forms, judges, writes the bundle at the end. */
  audit: Audit;
  /** Options of the audit (`test.use({ auditOptions: { failOn: 'high' } })`). */
  auditOptions: AuditOptionsInput;
}

/** Options of the `toHaveNoLeaks` assertion. */
export interface NoLeaksOptions {
  /** Lowest severity that counts as a leak; default `auditOptions.failOn` (`low`). */
  atOrAbove?: Severity;
}

/**
 * Playwright Test's `test` with the `audit` fixture. Contexts of these tests present a normal
 * Chrome user agent (the Meta Pixel drops events from `HeadlessChrome`, which would make a
 * leaky page look clean; `test.use({ userAgent })` still wins) and record their HAR into the
 * test's bundle folder.
 */
export const test = base.extend<AuditFixtures>({
  auditOptions: [{}, { option: true }],
  contextOptions: async ({ contextOptions, browser }, use, testInfo) => {
    await use({
      userAgent: normalUserAgent(browser.version()),
      ...contextOptions,
      recordHar: contextOptions?.recordHar ?? { path: testInfo.outputPath(AUDIT_FOLDER, BUNDLE_FILES.har), content: 'embed', mode: 'full' },
    });
  },
  audit: async ({ context, auditOptions, browser, launchOptions }, use, testInfo) => {
    const bundleDir = testInfo.outputPath(AUDIT_FOLDER);
    const executable = launchOptions.executablePath;
    const audit = await Audit.start({
      context,
      options: parseAuditOptions(auditOptions),
      bundleDir,
      chromium: {
        path: executable ?? browser.browserType().executablePath(),
        source: executable ? 'option' : 'playwright',
        version: browser.version(),
      },
    });
    await use(audit);
    if (!(await audit.finish())) return;
    await testInfo.attach('pixel-audit report.html', { path: join(bundleDir, 'report.html'), contentType: 'text/html' });
    await testInfo.attach('pixel-audit findings.json', { path: join(bundleDir, BUNDLE_FILES.findings), contentType: 'application/json' });
  },
});

/**
 * Playwright Test's `expect` with `toHaveNoLeaks`: fails when the audit has a finding at or
 * above the severity given, naming for each the tracker, the data field, the parameter, the
 * transform chain and the request.
 */
export const expect = baseExpect.extend({
  async toHaveNoLeaks(audit: Audit, options: NoLeaksOptions = {}) {
    if (!(audit instanceof Audit)) throw new TypeError('toHaveNoLeaks: expect(audit) takes the `audit` fixture of pixel-audit/test');
    const threshold = options.atOrAbove ?? audit.failOn;
    const leaks = leaksAtOrAbove(await audit.findings(), threshold);
    const pass = leaks.length === 0;
    const hint = `${this.utils.matcherHint('toHaveNoLeaks', 'audit', `{ atOrAbove: '${threshold}' }`, { isNot: this.isNot })}\n\n`;
    return {
      pass,
      name: 'toHaveNoLeaks',
      expected: threshold,
      actual: leaks.length,
      message: () => hint + (pass ? `expected a leak at or above ${threshold}; none was found` : describeLeaks(leaks, threshold)),
    };
  },
});
