import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { describeZodError, UsageError } from './errors.js';

/** How a JSON file is named in the one-line errors of {@link readJsonFile}. */
export interface JsonFileNaming {
  /** Names the file in both errors (default: its path), e.g. `--persona persona.json`. */
  label?: string;
  /** What could not be read, in the first error: `JSON` (default), `evidence`, `run.json`; '' for nothing. */
  reading?: string;
  /** Names the file in a schema error instead of `label`. */
  source?: string;
  readHint?: string;
  schemaHint?: string;
}

/**
 * Reads a JSON file and validates it: a file that cannot be read or parsed, or a value the schema
 * refuses, is a one-line UsageError naming the file (and field and value), never a stack trace.
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, naming: JsonFileNaming = {}): Promise<T> {
  const { label = path, reading = 'JSON', source = label } = naming;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${label}: cannot read${reading ? ` ${reading}` : ''} (${detail})`, naming.readHint);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error, source, json), naming.schemaHint);
  return parsed.data;
}
