import { expect } from 'vitest';
import { UsageError } from '../../src/config/errors.js';

/** Runs `run`, expects it to throw a UsageError, and returns it for the message checks. */
export function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}
