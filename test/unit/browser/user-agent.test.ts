import { describe, expect, it } from 'vitest';
import { isHeadlessUserAgent, normalUserAgent } from '../../../src/browser/user-agent.js';

describe('normalUserAgent', () => {
  it.each([
    ['linux', 'X11; Linux x86_64'],
    ['darwin', 'Macintosh; Intel Mac OS X 10_15_7'],
    ['win32', 'Windows NT 10.0; Win64; x64'],
    ['freebsd', 'X11; Linux x86_64'],
  ] as const)('presents desktop Chrome on %s with the reduced version', (platform, os) => {
    const ua = normalUserAgent('141.0.7390.37', platform);
    expect(ua).toBe(`Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36`);
    expect(ua).not.toMatch(/Headless/i);
    expect(isHeadlessUserAgent(ua)).toBe(false);
  });

  it('keeps only the major version', () => {
    expect(normalUserAgent('99.1.2.3', 'linux')).toContain(' Chrome/99.0.0.0 ');
    expect(normalUserAgent('120', 'linux')).toContain(' Chrome/120.0.0.0 ');
  });

  it('defaults to the current platform', () => {
    expect(normalUserAgent('141.0.1.2')).toBe(normalUserAgent('141.0.1.2', process.platform));
  });
});

describe('isHeadlessUserAgent', () => {
  it('recognises HeadlessChrome only', () => {
    expect(isHeadlessUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/141.0.7390.37 Safari/537.36')).toBe(true);
    expect(isHeadlessUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36')).toBe(false);
    expect(isHeadlessUserAgent('')).toBe(false);
  });
});
