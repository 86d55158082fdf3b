/**
 * The user agent a normal desktop Chrome of the same version presents. Headless Chromium says
 * `HeadlessChrome/<version>`, and the Meta Pixel's configuration drops every event for such a
 * browser (WIRE.md): scanning with it would report a false "clean".
 */
export function normalUserAgent(chromiumVersion: string, platform: NodeJS.Platform = process.platform): string {
  const major = chromiumVersion.split('.')[0] ?? chromiumVersion;
  // Chrome's reduced user agent: minor version parts are zeros, platform strings are frozen.
  const os =
    platform === 'darwin'
      ? 'Macintosh; Intel Mac OS X 10_15_7'
      : platform === 'win32'
        ? 'Windows NT 10.0; Win64; x64'
        : 'X11; Linux x86_64';
  return `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

/** True for user agents that announce a headless browser. */
export function isHeadlessUserAgent(ua: string): boolean {
  return /HeadlessChrome\//.test(ua);
}
