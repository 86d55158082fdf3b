import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { describeZodError, UsageError } from './errors.js';
import { scanOptionsSchema } from './options.js';

/** The config file `scan` reads from the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = 'pixel-audit.config.json';

/** Option values that are paths: relative ones are taken from the config file's folder. */
const PATH_KEYS = ['targets', 'out', 'personaFile', 'rulesDir', 'browserPath', 'store', 'resume', 'controllerFile', 'signKey', 'baseline'];

type ScanShape = Omit<typeof scanOptionsSchema.shape, 'urls'>;
/** Every scan option made optional, without its default: a key absent from the file is not set by it. */
type Loosened<S> = { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer T> ? T : S[K] & z.ZodType> };

function loosened(): Loosened<ScanShape> {
  const { urls: _urls, ...shape } = scanOptionsSchema.shape;
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => {
    const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
    return [key, inner.optional()];
  })) as unknown as Loosened<ScanShape>;
}

/**
 * `pixel-audit.config.json`: every `scan` option except `urls`, each optional (flags given on
 * the command line win over it, and it wins over the defaults), plus `targets` (a file of URLs)
 * and `$schema` (for editors). Derived from the options schema, so a new option is a new key.
 */
export const configFileSchema = z.strictObject({
  /** JSON Schema the file follows, for editors: `schema/config.schema.json` of the package. */
  $schema: z.string().optional(),
  /** File with one URL a line (`#` comments allowed), as `--targets`. */
  targets: z.string().min(1).optional(),
  ...loosened(),
  /** History store path, or `false` for none (`--no-store`). */
  store: z.union([z.string().min(1), z.literal(false)]).optional(),
});

/** The values of a config file, validated, with relative paths resolved against its folder. */
export type ConfigFile = z.output<typeof configFileSchema>;

/** A config file that was found and read. */
export interface LoadedConfig {
  /** Path of the file, as given or found. */
  path: string;
  values: ConfigFile;
}

/** Validates a config file's parsed JSON; a wrong or unknown key is a one-line UsageError naming file and key. */
export function parseConfigFile(json: unknown, path: string): ConfigFile {
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const unknown = parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')) : []));
    if (unknown.length) {
      const known = Object.keys(configFileSchema.shape).join(', ');
      throw new UsageError(`${path}: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}`, `a config file takes: ${known}`);
    }
    throw new UsageError(describeZodError(parsed.error, path, json));
  }
  const values: Record<string, unknown> = { ...parsed.data };
  const base = dirname(resolve(path));
  for (const key of PATH_KEYS) {
    const value = values[key];
    // A store may be a database URL rather than a file.
    if (typeof value === 'string' && !isAbsolute(value) && !value.includes('://')) values[key] = resolve(base, value);
  }
  return values as ConfigFile;
}

/** Reads and validates a config file; a missing file, bad JSON or wrong key is a UsageError. */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--config ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (error as Error).message})`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfigFile(json, path);
}

/**
 * The config `scan` uses: the file named by `--config`, else `pixel-audit.config.json` in the
 * working directory when there is one, else none.
 */
export async function loadConfigFile(explicit: string | undefined, cwd = process.cwd()): Promise<LoadedConfig | undefined> {
  if (explicit) return { path: explicit, values: await readConfigFile(explicit) };
  const found = resolve(cwd, CONFIG_FILE_NAME);
  if (!(await stat(found).then((s) => s.isFile(), () => false))) return undefined;
  return { path: found, values: await readConfigFile(found) };
}
