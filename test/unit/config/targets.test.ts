import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { parseTarget, readTargets } from '../../../src/config/targets.js';

describe('readTargets', () => {
  it('reads one URL a line, skipping blank lines and # comments, CRLF or LF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-targets-'));
    const file = join(dir, 'targets.txt');
    await writeFile(
      file,
      '# sites of the case 2026-17\r\n\r\nhttps://www.example.se/\n   www.example.no   \n\n# commented out: https://old.example.dk/\nhttps://shop.example.fi/kassa # the checkout\n   \n',
    );
    expect(await readTargets(file)).toEqual(['https://www.example.se/', 'www.example.no', 'https://shop.example.fi/kassa']);
  });

  it('gives an empty list for a file of comments only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-targets-'));
    const file = join(dir, 'empty.txt');
    await writeFile(file, '# nothing yet\n\n');
    expect(await readTargets(file)).toEqual([]);
  });

  it('turns a missing file into a UsageError naming --targets, the path and the reason', async () => {
    const file = join(tmpdir(), 'pixel-audit-no-such-dir', 'targets.txt');
    const error = await readTargets(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`--targets ${file}: cannot read (ENOENT)`);
  });
});

describe('parseTarget', () => {
  const ok = (raw: string): string => {
    const result = parseTarget(raw);
    if ('error' in result) throw new Error(`expected ${raw} to parse: ${result.error}`);
    return result.url.href;
  };
  const error = (raw: string): string => {
    const result = parseTarget(raw);
    if (!('error' in result)) throw new Error(`expected ${raw} to be refused, got ${result.url.href}`);
    return result.error;
  };

  it('gives a bare host https://', () => {
    expect(ok('www.example.se')).toBe('https://www.example.se/');
    expect(ok('  www.example.se/kontakt  ')).toBe('https://www.example.se/kontakt');
  });

  it('keeps http and https URLs, ports and paths', () => {
    expect(ok('http://www.example.de:8080/angebot?x=1')).toBe('http://www.example.de:8080/angebot?x=1');
    expect(ok('HTTPS://WWW.Example.FI/')).toBe('https://www.example.fi/');
  });

  it('reads host:port as a bare host with a port, not as a URL scheme', () => {
    expect(ok('localhost:8443')).toBe('https://localhost:8443/');
    expect(ok('www.example.se:8443/kontakt')).toBe('https://www.example.se:8443/kontakt');
  });

  it('accepts IPv4 and IPv6 literals', () => {
    expect(ok('https://127.0.0.1:8443/')).toBe('https://127.0.0.1:8443/');
    expect(ok('https://[::1]:8443/')).toBe('https://[::1]:8443/');
    expect(ok('http://[2001:db8::1]/form')).toBe('http://[2001:db8::1]/form');
  });

  it('refuses other schemes', () => {
    expect(error('ftp://files.example.se/')).toBe('not an http(s) URL: "ftp://files.example.se/"');
    expect(error('javascript:alert(1)')).toBe('not an http(s) URL: "javascript:alert(1)"');
    expect(error('file:///etc/passwd')).toMatch(/^not an http\(s\) URL/);
  });

  it('refuses spaces inside the target', () => {
    expect(error('www.example .se')).toMatch(/^not a valid (URL|host)/);
    expect(error('https://www.exa mple.se/')).toMatch(/^not a valid (URL|host)/);
  });

  it('refuses garbage and names it', () => {
    expect(error('http://')).toBe('not a valid URL: "http://"');
    expect(error('https://exa_mple!.se/')).toMatch(/^not a valid (URL|host).*exa_mple/);
    expect(error('::::')).toMatch(/^not a valid/);
  });
});
