import { readFile, rename, writeFile } from 'node:fs/promises';
import { describeZodError, UsageError } from '../config/errors.js';
import type { Baseline } from './apply.js';
import { baselineFileSchema, BASELINE_SCHEMA_VERSION, type BaselineFile } from './schema.js';

/**
 * Reads and validates a baseline file. A missing file is an error, except for
 * `--update-baseline`, which starts an empty one (`missingOk`).
 */
export async function readBaselineFile(path: string, missingOk = false): Promise<BaselineFile> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && missingOk) return { schemaVersion: BASELINE_SCHEMA_VERSION, entries: [] };
    throw new UsageError(`--baseline ${path}: cannot read (${code ?? String(error)})`, code === 'ENOENT' ? 'write one with --update-baseline' : undefined);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`--baseline ${path}: not JSON (${(error as Error).message})`);
  }
  const parsed = baselineFileSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error, path, json), 'see schema/baseline.schema.json');
  return parsed.data;
}

/** Writes a baseline file whole (through a temporary file, so a crash never leaves half of one). */
export async function writeBaselineFile(path: string, file: BaselineFile): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(baselineFileSchema.parse(file), null, 2)}\n`);
  await rename(temporary, path);
}

/** Reads `--baseline` into the form `acceptFindings` takes (the file named as the user gave it). */
export async function loadBaseline(path: string): Promise<Baseline> {
  return { file: path, entries: (await readBaselineFile(path)).entries };
}
