import { describeZodError, UsageError } from '../config/errors.js';
import { scanOptionsSchema, type ScanOptions } from '../config/options.js';
import type { ConfigFile } from '../config/config-file.js';

/** Commander's raw values for `scan`. */
export interface RawScanFlags {
  out?: string;
  consent?: string;
  submit?: string;
  maxPages?: string;
  depth?: string;
  concurrency?: string;
  seed?: string;
  persona?: string;
  rules?: string;
  failOn?: string;
  hostResolverRules?: string;
  ignoreHttpsErrors?: boolean;
  browser?: string;
  userAgent?: string;
  siteTimeout?: string;
  pageTimeout?: string;
  case?: string;
  inspector?: string[];
  /** A path, or `false` from `--no-store`. */
  store?: string | false;
  webhook?: string;
  resume?: string;
  lang?: string;
  controller?: string;
  signKey?: string;
  baseline?: string;
  updateBaseline?: boolean;
  baselineReason?: string;
  baselineOwner?: string;
  baselineExpires?: string;
  shard?: string;
}

const FLAG_NAMES: Record<string, string> = {
  urls: '<url...>', maxPages: '--max-pages', personaFile: '--persona', rulesDir: '--rules', failOn: '--fail-on',
  browserPath: '--browser', siteTimeout: '--site-timeout', pageTimeout: '--page-timeout', caseRef: '--case',
  inspectors: '--inspector', hostResolverRules: '--host-resolver-rules', ignoreHttpsErrors: '--ignore-https-errors',
  userAgent: '--user-agent',
  baseline: '--baseline', updateBaseline: '--update-baseline', baselineReason: '--baseline-reason', baselineOwner: '--baseline-owner', baselineExpires: '--baseline-expires',
  store: '--store', webhook: '--webhook', resume: '--resume',
  lang: '--lang', controllerFile: '--controller', signKey: '--sign-key', shard: '--shard',
};

/** A whole-number flag (undefined when not given), within `min` … `max` when they are given. */
export function wholeNumber(value: string | undefined, flag: string, min?: number, max?: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
    const range = max !== undefined ? ` from ${min ?? 0} to ${max}` : min !== undefined ? ` ≥ ${min}` : '';
    throw new UsageError(`${flag}: expected a whole number${range} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/**
 * Turns flags into validated options; a wrong value is a UsageError naming the flag. Values of
 * a config file come between flags and defaults: a flag given wins, and a flag left at
 * commander's default (its option key in `defaulted`) gives way to the file.
 */
export function parseScanFlags(urls: string[], flags: RawScanFlags, config: ScanConfigValues = {}, defaulted: ReadonlySet<string> = new Set()): ScanOptions {
  const input = {
    urls,
    out: flags.out,
    consent: flags.consent,
    submit: flags.submit,
    maxPages: wholeNumber(flags.maxPages, '--max-pages'),
    depth: wholeNumber(flags.depth, '--depth'),
    concurrency: wholeNumber(flags.concurrency, '--concurrency'),
    seed: flags.seed,
    personaFile: flags.persona,
    rulesDir: flags.rules,
    failOn: flags.failOn,
    hostResolverRules: flags.hostResolverRules,
    ignoreHttpsErrors: flags.ignoreHttpsErrors,
    browserPath: flags.browser,
    userAgent: flags.userAgent,
    siteTimeout: wholeNumber(flags.siteTimeout, '--site-timeout'),
    pageTimeout: wholeNumber(flags.pageTimeout, '--page-timeout'),
    caseRef: flags.case,
    inspectors: flags.inspector,
    store: flags.store,
    webhook: flags.webhook,
    resume: flags.resume,
    lang: flags.lang,
    controllerFile: flags.controller,
    signKey: flags.signKey,
    baseline: flags.baseline,
    updateBaseline: flags.updateBaseline,
    baselineReason: flags.baselineReason,
    baselineOwner: flags.baselineOwner,
    baselineExpires: flags.baselineExpires,
    shard: flags.shard,
  };
  const parsed = scanOptionsSchema.safeParse(withConfig(input, config, defaulted));
  if (!parsed.success) {
    const message = describeZodError(parsed.error, 'scan', input).replace(/(^|; )scan: (\w+)/g, (_, sep: string, key: string) => `${sep}scan: ${FLAG_NAMES[key] ?? `--${key}`}`);
    throw new UsageError(message);
  }
  return parsed.data;
}

/** A config file's option values (its `targets` file is read by the command itself). */
export type ScanConfigValues = Omit<ConfigFile, 'targets' | '$schema'>;

/** Flags given, over the config file, over commander's defaults; `store: false` (`--no-store`) means none. */
function withConfig(input: Record<string, unknown>, config: ScanConfigValues, defaulted: ReadonlySet<string>): Record<string, unknown> {
  const flags = Object.entries(input).filter(([key, value]) => value !== undefined && !(defaulted.has(key) && key in config));
  const merged: Record<string, unknown> = { ...config, ...Object.fromEntries(flags) };
  if (merged.store === false) delete merged.store;
  return merged;
}

/**
 * Option keys whose flag holds commander's default rather than a value the user gave, from
 * `command.getOptionValueSource` (flag attributes are the camel-cased flag names).
 */
export function defaultedOptionKeys(source: (attribute: string) => string | undefined): Set<string> {
  const attribute = (key: string): string =>
    (FLAG_NAMES[key] ?? `--${key}`).replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return new Set(Object.keys(scanOptionsSchema.shape).filter((key) => key !== 'urls' && source(attribute(key)) === 'default'));
}
