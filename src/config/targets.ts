import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

/** Reads a targets file: one URL a line; blank lines and `#` comments are ignored. */
export async function readTargets(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--targets ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0);
}

/**
 * Parses one target. A bare host (`www.example.se`) gets `https://`; anything that is not an
 * http(s) URL with a host is refused with the reason, which becomes the site's one-line error.
 */
export function parseTarget(raw: string): { url: URL } | { error: string } {
  const text = raw.trim();
  // `host:8443` is a bare host with a port, not a URL with the scheme `host:`.
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z0-9.-]+:\d{1,5}(?:[/?#]|$)/i.test(text);
  const withScheme = hasScheme ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `not a valid URL: ${JSON.stringify(raw)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `not an http(s) URL: ${JSON.stringify(raw)}` };
  }
  if (!url.hostname || /\s/.test(text) || !/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/i.test(url.hostname)) {
    return { error: `not a valid host in ${JSON.stringify(raw)}` };
  }
  return { url };
}
