/**
 * One readable line for a failed navigation, keeping Chromium's error code so that the
 * evidence states exactly what the browser reported.
 */
export function describeNavigationError(message: string, timeoutSeconds: number): string {
  const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (code) {
    if (/SSL|CERT/.test(code)) return `TLS error: the site's certificate or handshake was refused (net::${code})`;
    if (code === 'ERR_NAME_NOT_RESOLVED') return `host not found (net::${code})`;
    if (code === 'ERR_CONNECTION_REFUSED') return `connection refused: nothing answers at that address (net::${code})`;
    if (/TIMED_OUT/.test(code)) return `the connection timed out (net::${code})`;
    if (code === 'ERR_TOO_MANY_REDIRECTS') return `endless redirects (net::${code})`;
    return `could not load the page (net::${code})`;
  }
  if (/Download is starting/i.test(message)) return 'the URL starts a file download, not a page (the download was cancelled)';
  if (/Page crashed|Target crashed/i.test(message)) return 'the browser tab crashed while loading the page';
  if (/Timeout \d+ms exceeded/.test(message)) return `the page did not finish loading within ${timeoutSeconds} s`;
  if (/Target (page, context or browser )?(has been )?closed|browser has been closed/i.test(message)) {
    return 'the browser closed the page (site deadline reached or the browser crashed)';
  }
  const line = (message.split('\n')[0] ?? message).replace(/^page\.goto: /, '').trim();
  return `could not load the page (${line})`;
}
