import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBaselineFile, writeBaselineFile } from '../../../src/baseline/file.js';
import { BASELINE_SCHEMA_VERSION, type BaselineFile } from '../../../src/baseline/schema.js';
import { UsageError } from '../../../src/config/errors.js';
import { loadRunBaseline } from '../../../src/run/run-baseline.js';
import { entry } from './baseline-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pixel-audit-baseline-'));
});

const write = async (name: string, value: unknown): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('baseline file', () => {
  it('round-trips what it writes', async () => {
    const path = join(dir, 'round.json');
    const file: BaselineFile = { schemaVersion: BASELINE_SCHEMA_VERSION, entries: [entry({ fingerprint: '0123456789abcdef', expires: '2026-12-31' })] };
    await writeBaselineFile(path, file);
    expect(await readBaselineFile(path)).toEqual(file);
    expect(await readFile(path, 'utf8')).toMatch(/^\{\n {2}"schemaVersion": 1,/);
  });

  it('a missing file is a UsageError, except when --update-baseline starts one', async () => {
    const missing = join(dir, 'nope.json');
    await expect(readBaselineFile(missing)).rejects.toThrow(/--baseline .*nope\.json: cannot read \(ENOENT\)/);
    await expect(readBaselineFile(missing, true)).resolves.toEqual({ schemaVersion: 1, entries: [] });
  });

  it('names the file, the field and the value of a bad entry', async () => {
    const noReason = await write('no-reason.json', { schemaVersion: 1, entries: [{ ...entry({ fingerprint: '0123456789abcdef' }), reason: ' ' }] });
    await expect(readBaselineFile(noReason)).rejects.toThrow(/no-reason\.json: entries\.0\.reason: give a reason/);
    const badFp = await write('bad-fp.json', { schemaVersion: 1, entries: [entry({ fingerprint: 'F-1234' })] });
    await expect(readBaselineFile(badFp)).rejects.toThrow(/entries\.0\.fingerprint: expected the 16 hex digits .*\(got "F-1234"\)/);
    const badDate = await write('bad-date.json', { schemaVersion: 1, entries: [entry({ fingerprint: '0123456789abcdef', expires: 'next year' })] });
    await expect(readBaselineFile(badDate)).rejects.toThrow(/entries\.0\.expires: expected a date/);
    const twice = await write('twice.json', { schemaVersion: 1, entries: [entry({ fingerprint: '0123456789abcdef' }), entry({ fingerprint: '0123456789abcdef' })] });
    await expect(readBaselineFile(twice)).rejects.toThrow(/entries\.1\.fingerprint: a second entry for this fingerprint/);
    const notJson = await write('not.json', '{ entries: ');
    await expect(readBaselineFile(notJson)).rejects.toThrow(UsageError);
  });

  it('loadRunBaseline: no baseline without the flags; --baseline-reason alone is refused', async () => {
    expect(await loadRunBaseline({ updateBaseline: false })).toBeUndefined();
    await expect(loadRunBaseline({ updateBaseline: false, baselineReason: 'x' })).rejects.toThrow('--baseline-reason only applies with --update-baseline');
    const path = join(dir, 'fresh.json');
    const run = await loadRunBaseline({ baseline: path, updateBaseline: true });
    expect(run).toMatchObject({ path, baseline: { file: path, entries: [] } });
  });
});
