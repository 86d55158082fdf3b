import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChromiumNotFoundError, findChromium } from '../../../src/browser/find-chromium.js';

// These tests never launch a browser: they only check the lookup order on files made here.
let executable: string;
let plainFile: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-chromium-'));
  executable = join(dir, 'chrome');
  plainFile = join(dir, 'not-executable');
  await writeFile(executable, '#!/bin/sh\nexit 0\n');
  await chmod(executable, 0o755);
  await writeFile(plainFile, 'not a browser');
  await chmod(plainFile, 0o644);
});

function notFound(run: () => unknown): ChromiumNotFoundError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChromiumNotFoundError);
    return error as ChromiumNotFoundError;
  }
  throw new Error('expected ChromiumNotFoundError');
}

describe('findChromium', () => {
  it('returns an executable --browser with source option, before the environment', () => {
    expect(findChromium(executable, { PIXEL_AUDIT_CHROMIUM: plainFile })).toEqual({ path: executable, source: 'option' });
  });

  it('refuses a --browser that is not executable, naming it, rather than falling back', () => {
    const error = notFound(() => findChromium(plainFile, { PIXEL_AUDIT_CHROMIUM: executable }));
    expect(error.message).toBe(`--browser ${plainFile}: no executable there`);
    expect(error.name).toBe('ChromiumNotFoundError');
    expect(notFound(() => findChromium('/no/such/chrome', {})).message).toBe('--browser /no/such/chrome: no executable there');
  });

  it('returns PIXEL_AUDIT_CHROMIUM when it is executable, with source env', () => {
    expect(findChromium(undefined, { PIXEL_AUDIT_CHROMIUM: executable })).toEqual({ path: executable, source: 'env' });
  });

  it('refuses a PIXEL_AUDIT_CHROMIUM that is not executable, naming the variable and path', () => {
    const error = notFound(() => findChromium(undefined, { PIXEL_AUDIT_CHROMIUM: plainFile }));
    expect(error.message).toBe(`PIXEL_AUDIT_CHROMIUM=${plainFile}: no executable there`);
  });
});
