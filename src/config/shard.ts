import { createHash } from 'node:crypto';
import { z } from 'zod';
import { registrableDomain } from '../shared/party.js';
import { parseTarget } from './targets.js';

/**
 * One slice of a target list split across machines without a database (`scan --shard i/n`).
 * `index` counts from 0, as a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` does, so that
 * `--shard $(JOB_COMPLETION_INDEX)/n` needs no arithmetic; a CI matrix lists 0 … n-1.
 */
export interface Shard {
  /** This shard, 0 ≤ index < count. */
  index: number;
  /** How many shards the targets are split into. */
  count: number;
}

/** Most shards a list can be split into: far more machines than any night needs. */
export const MAX_SHARDS = 10_000;

/** Parses `i/n` (0-based `i`); anything else is one sentence saying what `--shard` wants. */
export function parseShard(text: string): Shard | { error: string } {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (!match) return { error: 'expected i/n, e.g. 0/4 for the first of four shards' };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) return { error: `the shard count must be 1 to ${MAX_SHARDS}` };
  if (index >= count) {
    return { error: `the shard index counts from 0, so it is 0 to ${count - 1} for ${count} shards` };
  }
  return { index, count };
}

/**
 * `--shard` as the options schema takes it: the `i/n` text, or `{index, count}` (library callers,
 * config files). The checks are one function for both, so both get the same sentence.
 */
export const shardSchema = z.union([z.string(), z.strictObject({ index: z.number().int(), count: z.number().int() })])
  .transform((value, ctx) => {
    const parsed = parseShard(typeof value === 'string' ? value : `${value.index}/${value.count}`);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  });

/** `{index: 0, count: 4}` → `0/4`, the way it was given. */
export const formatShard = (shard: Shard): string => `${shard.index}/${shard.count}`;

/**
 * What decides a target's shard: its registrable domain, so that every URL of one site (and
 * every consent pass of it) lands in the same shard and a merge never sees a site twice. A target
 * that does not parse is keyed by its text: it still belongs to exactly one shard, which reports it.
 */
export function shardKey(input: string): string {
  const parsed = parseTarget(input);
  return 'error' in parsed ? `input:${input.trim()}` : registrableDomain(parsed.url.hostname.toLowerCase());
}

/**
 * The shard a target belongs to: a SHA-256 of its key, the first 48 bits modulo `count`. A
 * content hash, not Math.random or a process-seeded hash, so every machine, process and night
 * computes the same split from the same list.
 */
export function shardOf(input: string, count: number): number {
  const digest = createHash('sha256').update(shardKey(input)).digest();
  return digest.readUIntBE(0, 6) % count;
}

/** The targets this shard scans, in their given order. */
export function selectShard<T extends { input: string }>(targets: readonly T[], shard: Shard): T[] {
  return targets.filter((t) => shardOf(t.input, shard.count) === shard.index);
}
