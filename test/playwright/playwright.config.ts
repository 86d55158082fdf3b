import { defineConfig } from '@playwright/test';
import { findChromium } from '../../dist/browser/find-chromium.js';

// The fixture server is started by test/integration/playwright-fixture.test.ts, which passes its
// host mapping here: the fixture sites' real-looking hosts resolve to the loopback server.
const hostResolverRules = process.env.PIXEL_AUDIT_FIXTURE_RULES;
if (!hostResolverRules) {
  throw new Error('PIXEL_AUDIT_FIXTURE_RULES is not set: run these specs through test/integration/playwright-fixture.test.ts');
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: process.env.PIXEL_AUDIT_PW_OUTPUT ?? 'test-results',
  timeout: 90_000,
  workers: 1,
  retries: 0,
  use: {
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: findChromium().path,
      args: [`--host-resolver-rules=${hostResolverRules}`],
    },
  },
});
