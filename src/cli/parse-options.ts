import { describeZodError, UsageError } from '../config/errors.js';
import { scanOptionsSchema, type ScanOptions } from '../config/options.js';

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
}

const FLAG_NAMES: Record<string, string> = {
  urls: '<url...>', maxPages: '--max-pages', personaFile: '--persona', rulesDir: '--rules', failOn: '--fail-on',
  browserPath: '--browser', siteTimeout: '--site-timeout', pageTimeout: '--page-timeout', caseRef: '--case',
  inspectors: '--inspector', hostResolverRules: '--host-resolver-rules', ignoreHttpsErrors: '--ignore-https-errors',
  userAgent: '--user-agent',
  store: '--store', webhook: '--webhook', resume: '--resume',
  lang: '--lang', controllerFile: '--controller', signKey: '--sign-key',
};

function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag}: expected a whole number (got ${JSON.stringify(value)})`);
  return Number(value);
}

/** Turns flags into validated options; a wrong value is a UsageError naming the flag. */
export function parseScanFlags(urls: string[], flags: RawScanFlags): ScanOptions {
  const input = {
    urls,
    out: flags.out,
    consent: flags.consent,
    submit: flags.submit,
    maxPages: int(flags.maxPages, '--max-pages'),
    depth: int(flags.depth, '--depth'),
    concurrency: int(flags.concurrency, '--concurrency'),
    seed: flags.seed,
    personaFile: flags.persona,
    rulesDir: flags.rules,
    failOn: flags.failOn,
    hostResolverRules: flags.hostResolverRules,
    ignoreHttpsErrors: flags.ignoreHttpsErrors,
    browserPath: flags.browser,
    userAgent: flags.userAgent,
    siteTimeout: int(flags.siteTimeout, '--site-timeout'),
    pageTimeout: int(flags.pageTimeout, '--page-timeout'),
    caseRef: flags.case,
    inspectors: flags.inspector,
    store: flags.store === false ? undefined : flags.store,
    webhook: flags.webhook,
    resume: flags.resume,
    lang: flags.lang,
    controllerFile: flags.controller,
    signKey: flags.signKey,
  };
  const parsed = scanOptionsSchema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const message = describeZodError(parsed.error, 'scan', input).replace(/(^|; )scan: (\w+)/g, (_, sep: string, key: string) => `${sep}scan: ${FLAG_NAMES[key] ?? `--${key}`}`);
    throw new UsageError(message);
  }
  return parsed.data;
}
