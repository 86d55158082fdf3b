import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodError, ExitCode, UsageError } from '../../../src/config/errors.js';

const schema = z.strictObject({
  vendor: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter country code') }),
  count: z.number(),
});

function errorOf(input: unknown): z.ZodError {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('fixture unexpectedly valid');
  return parsed.error;
}

describe('describeZodError', () => {
  it('names the file, the dotted field path, the message and the value got', () => {
    const input = { vendor: { country: 'USA' }, count: 1 };
    expect(describeZodError(errorOf(input), 'rules/meta-pixel.json', input)).toBe(
      'rules/meta-pixel.json: vendor.country: expected a two-letter country code (got "USA")',
    );
  });

  it('omits "(got …)" when the value is absent, and says (top level) for the root', () => {
    const missing = { vendor: { country: 'SE' } };
    expect(describeZodError(errorOf(missing), 'f.json', missing)).toMatch(/^f\.json: count: .+$/);
    expect(describeZodError(errorOf(missing), 'f.json', missing)).not.toContain('(got');
    const notObject = 'hello';
    expect(describeZodError(errorOf(notObject), 'f.json', notObject)).toMatch(/^f\.json: \(top level\): .* \(got "hello"\)$/);
  });

  it('joins up to three issues and counts the rest', () => {
    const many = z.strictObject({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() });
    const input = { a: 1, b: 2, c: 3, d: 4, e: 5 };
    const parsed = many.safeParse(input);
    expect(parsed.success).toBe(false);
    const text = describeZodError(parsed.error!, 'x.json', input);
    expect(text.split('; ')).toHaveLength(3);
    expect(text).toMatch(/^x\.json: a: .* \(got 1\); x\.json: b: .* \(got 2\); x\.json: c: .* \(got 3\) \(\+2 more\)$/);
  });

  it('cuts long values to 80 characters', () => {
    const input = { vendor: { country: 'X'.repeat(200) }, count: 1 };
    const got = /\(got (.*)\)$/.exec(describeZodError(errorOf(input), 'f', input))?.[1];
    expect(got).toHaveLength(80);
  });
});

describe('UsageError and ExitCode', () => {
  it('carries a hint and its own name', () => {
    const error = new UsageError('bad flag', 'try --help');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
    expect(error.message).toBe('bad flag');
    expect(error.hint).toBe('try --help');
  });

  it('keeps the documented exit codes', () => {
    expect(ExitCode).toEqual({ clean: 0, findings: 1, usage: 2, incomplete: 3 });
  });
});
