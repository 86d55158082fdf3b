import { describe, expect, it } from 'vitest';
import { describeNavigationError } from '../../../src/crawl/nav-error.js';

const goto = (code: string, url = 'https://www.example.se/') =>
  `page.goto: net::${code} at ${url}\nCall log:\n  - navigating to "${url}", waiting until "load"\n`;

describe('describeNavigationError', () => {
  it.each([
    ['ERR_CONNECTION_REFUSED', 'connection refused: nothing answers at that address (net::ERR_CONNECTION_REFUSED)'],
    ['ERR_NAME_NOT_RESOLVED', 'host not found (net::ERR_NAME_NOT_RESOLVED)'],
    ['ERR_SSL_PROTOCOL_ERROR', "TLS error: the site's certificate or handshake was refused (net::ERR_SSL_PROTOCOL_ERROR)"],
    ['ERR_CERT_AUTHORITY_INVALID', "TLS error: the site's certificate or handshake was refused (net::ERR_CERT_AUTHORITY_INVALID)"],
    ['ERR_CONNECTION_TIMED_OUT', 'the connection timed out (net::ERR_CONNECTION_TIMED_OUT)'],
    ['ERR_TOO_MANY_REDIRECTS', 'endless redirects (net::ERR_TOO_MANY_REDIRECTS)'],
    ['ERR_ABORTED', 'could not load the page (net::ERR_ABORTED)'],
  ])('keeps Chromium\'s code for %s', (code, expected) => {
    expect(describeNavigationError(goto(code), 30)).toBe(expected);
  });

  it('states the page timeout in seconds for a Playwright timeout', () => {
    const message = 'page.goto: Timeout 3000ms exceeded.\nCall log:\n  - navigating to "https://slow.example.se/", waiting until "load"';
    expect(describeNavigationError(message, 3)).toBe('the page did not finish loading within 3 s');
  });

  it.each([
    'page.goto: Target page, context or browser has been closed',
    'page.goto: Target closed',
    'Browser has been closed.',
  ])('blames the deadline or a crash for a closed target: %s', (message) => {
    expect(describeNavigationError(message, 30)).toBe('the browser closed the page (site deadline reached or the browser crashed)');
  });

  it('keeps the first line of an unknown message, without the page.goto prefix', () => {
    expect(describeNavigationError('page.goto: Protocol error (Page.navigate): Cannot navigate to invalid URL\nCall log:\n  - x', 30))
      .toBe('could not load the page (Protocol error (Page.navigate): Cannot navigate to invalid URL)');
    expect(describeNavigationError('something odd', 30)).toBe('could not load the page (something odd)');
  });
});
