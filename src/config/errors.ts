import type { z } from 'zod';

/**
 * Exit codes (contract, DESIGN §6): 0 no finding at or above `--fail-on`; 1 findings;
 * 2 bad usage, config or rules; 3 the scan could not complete for some site (and no finding).
 */
export const ExitCode = { clean: 0, findings: 1, usage: 2, incomplete: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake of the user's (flag, config, rule, persona file): one line, exit 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** What to do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * Turns zod issues into sentences that name the field and the value it got, e.g.
 * `rules/meta-pixel.json: vendor.country: expected a two-letter country code (got "USA")`.
 */
export function describeZodError(error: z.ZodError, source: string, input?: unknown): string {
  const lines = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    const got = valueAt(input, issue.path);
    const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)?.slice(0, 80)})`;
    return `${source}: ${path}: ${issue.message}${shown}`;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return lines.join('; ') + more;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}
