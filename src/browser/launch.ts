import { chromium, type Browser } from 'playwright';
import { findChromium, type ChromiumLocation } from './find-chromium.js';

/**
 * Flags that keep Chromium from calling home (updates, sync, safe browsing, field trials):
 * on a closed network those connections fail noisily, and in a scan they would pollute the
 * captured traffic with requests no site made.
 */
export const QUIET_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--disable-features=OptimizationHints,MediaRouter,Translate,InterestFeedContentSuggestions',
];

export interface LaunchOptions {
  browserPath?: string;
  hostResolverRules?: string;
  headless?: boolean;
}

export interface LaunchedBrowser {
  browser: Browser;
  location: ChromiumLocation;
  /** Chromium's version string, e.g. `156.0.8078.79`. */
  version: string;
}

/** Launches a quiet headless Chromium with a fresh profile (Playwright's default). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const location = findChromium(options.browserPath);
  const args = [...QUIET_ARGS];
  // Chromium refuses to start its sandbox as root; outside root the sandbox stays on.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  if (options.hostResolverRules) args.push(`--host-resolver-rules=${options.hostResolverRules}`);
  const browser = await chromium.launch({
    executablePath: location.path,
    headless: options.headless ?? true,
    args,
  });
  return { browser, location, version: browser.version() };
}
