import { chromium, type Browser } from 'playwright';
import { findChromium, type ChromiumLocation } from './find-chromium.js';

/**
 * Playwright's own `--disable-features` list (chromiumSwitches.ts in playwright-core), repeated
 * here because Chromium honours only the *last* `--disable-features` switch: ours would
 * otherwise silently drop Playwright's — re-enabling HTTPS upgrades (an `http:` URL loaded as
 * `https:`), calls home on start-up, and the aborted cross-origin redirects under request
 * interception that Playwright works around (tracker requests cut during an intercepted
 * submit). A unit test checks this copy against the installed Playwright.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Of Playwright's list, what a scan keeps *on*, as Chrome ships it to the visitors whose data
 * is at stake: storage partitioning. Without it Chromium refuses a third-party frame its
 * localStorage altogether, so a tracker iframe that keeps the persona there would look clean.
 */
export const KEPT_FEATURES = ['ThirdPartyStoragePartitioning'];

/**
 * Features off for a quiet and lean browser. Quiet: no calls home (translation, feeds). Lean,
 * none of which changes what a page can do or send: no spare renderer kept warm for the next
 * navigation (one idle process per browser).
 */
export const EXTRA_DISABLED_FEATURES = ['Translate', 'InterestFeedContentSuggestions', 'SpareRendererForSitePerProcess'];

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
  `--disable-features=${[...new Set([...PLAYWRIGHT_DISABLED_FEATURES, ...EXTRA_DISABLED_FEATURES])].filter((f) => !KEPT_FEATURES.includes(f)).join(',')}`,
];

export interface LaunchOptions {
  browserPath?: string;
  hostResolverRules?: string;
  headless?: boolean;
  /**
   * Leave SIGTERM/SIGINT/SIGHUP to the caller: Playwright otherwise closes the browser on them,
   * and a fleet worker told to stop must first finish the sites under way.
   */
  keepOnSignals?: boolean;
}

export interface LaunchedBrowser {
  browser: Browser;
  location: ChromiumLocation;
  /** Chromium's version string, e.g. `156.0.8078.79`. */
  version: string;
}

/** The command line: quiet flags, the sandbox decision and the host mapping. */
export function launchArgs(options: LaunchOptions = {}): string[] {
  const args = [...QUIET_ARGS];
  // Chromium refuses to start its sandbox as root; outside root the sandbox stays on.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  if (options.hostResolverRules) args.push(`--host-resolver-rules=${options.hostResolverRules}`);
  return args;
}

/** Launches a quiet headless Chromium with a fresh profile (Playwright's default). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const location = findChromium(options.browserPath);
  const browser = await chromium.launch({
    executablePath: location.path,
    headless: options.headless ?? true,
    args: launchArgs(options),
    ...(options.keepOnSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
  });
  return { browser, location, version: browser.version() };
}
