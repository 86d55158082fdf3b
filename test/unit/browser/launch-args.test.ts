import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEPT_FEATURES, launchArgs, PLAYWRIGHT_DISABLED_FEATURES } from '../../../src/browser/launch.js';

/** The feature names in the installed Playwright's `disabledFeatures = [...]` (bundled or not). */
function playwrightDisabledFeatures(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const file = [join(root, 'lib/server/chromium/chromiumSwitches.js'), join(root, 'lib/coreBundle.js')].find((f) => existsSync(f));
  if (!file) throw new Error('chromiumSwitches not found in playwright-core');
  const block = /disabledFeatures\s*=\s*\[([\s\S]*?)\]/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!block) throw new Error(`no disabledFeatures list in ${file}`);
  return [...block.replace(/\/\/.*$/gm, '').matchAll(/["']([\w-]+)["']/g)].map((m) => m[1]!);
}

describe('launchArgs', () => {
  it('passes one --disable-features switch: Chromium keeps only the last one', () => {
    expect(launchArgs().filter((a) => a.startsWith('--disable-features=')).length).toBe(1);
  });

  it('disables every feature Playwright disables (its list would be dropped by ours), but storage partitioning', () => {
    const ours = launchArgs().find((a) => a.startsWith('--disable-features='))!.slice('--disable-features='.length).split(',');
    const theirs = playwrightDisabledFeatures();
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.filter((f) => !ours.includes(f))).toEqual(KEPT_FEATURES);
    expect(PLAYWRIGHT_DISABLED_FEATURES.filter((f) => !theirs.includes(f))).toEqual([]);
  });

  it('maps hosts only when asked', () => {
    expect(launchArgs({ hostResolverRules: 'MAP a.test 127.0.0.1:1' })).toContain('--host-resolver-rules=MAP a.test 127.0.0.1:1');
    expect(launchArgs().some((a) => a.startsWith('--host-resolver-rules'))).toBe(false);
  });
});
