import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright';

/** Where the executable came from, recorded in the manifest. */
export type ChromiumSource = 'option' | 'env' | 'playwright' | 'system';

export interface ChromiumLocation {
  path: string;
  source: ChromiumSource;
}

/** Raised when no Chromium can be found; its message is the one line a user needs. */
export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightBrowser(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && isExecutable(path) ? path : undefined;
  } catch {
    return undefined; // playwright throws when its browser registry has nothing for this platform
  }
}

/**
 * Finds a Chromium in the order of DESIGN §9: `--browser`, `PIXEL_AUDIT_CHROMIUM`, Playwright's
 * own installed browser, then the distribution's. An explicit choice that is not executable is
 * an error rather than a silent fallback: the user asked for that browser.
 */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): ChromiumLocation {
  if (explicit) {
    if (!isExecutable(explicit)) throw new ChromiumNotFoundError(`--browser ${explicit}: no executable there`);
    return { path: explicit, source: 'option' };
  }
  const fromEnv = env.PIXEL_AUDIT_CHROMIUM;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new ChromiumNotFoundError(`PIXEL_AUDIT_CHROMIUM=${fromEnv}: no executable there`);
    return { path: fromEnv, source: 'env' };
  }
  const bundled = playwrightBrowser();
  if (bundled) return { path: bundled, source: 'playwright' };
  const system = SYSTEM_PATHS.find(isExecutable);
  if (system) return { path: system, source: 'system' };
  throw new ChromiumNotFoundError(
    'no Chromium found: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or pass --browser /path/to/chrome',
  );
}
