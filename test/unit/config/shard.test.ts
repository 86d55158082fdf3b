import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScanFlags } from '../../../src/cli/parse-options.js';
import { UsageError } from '../../../src/config/errors.js';
import { formatShard, parseShard, selectShard, shardKey, shardOf, shardSchema } from '../../../src/config/shard.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A few hundred targets: many sites, several with more than one URL, and a malformed one. */
const targets: string[] = [];
for (let i = 0; i < 240; i += 1) targets.push(`https://www.site-${i}.se/`);
for (let i = 0; i < 40; i += 1) targets.push(`https://shop.site-${i}.se/checkout`, `site-${i}.se/kontakt`);
for (let i = 0; i < 20; i += 1) targets.push(`https://www.kund-${i}.co.uk/quote?x=${i}`);
targets.push('not a url', 'ftp://files.example.se/');

describe('parseShard', () => {
  it('reads i/n with a 0-based index, as JOB_COMPLETION_INDEX counts', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
    expect(formatShard({ index: 2, count: 7 })).toBe('2/7');
  });

  it('refuses malformed text, an index past the end and a zero count, in one sentence', () => {
    expect(parseShard('4/4')).toEqual({ error: expect.stringMatching(/counts from 0, so it is 0 to 3 for 4 shards$/) });
    expect(parseShard('1-of-3')).toEqual({ error: expect.stringMatching(/^expected i\/n, e\.g\. 0\/4/) });
    expect(parseShard('0/0')).toEqual({ error: expect.stringMatching(/count must be 1 to/) });
    for (const bad of ['', '/3', '1/', '-1/3', '1.5/3', 'a/b', '$(JOB_COMPLETION_INDEX)/3']) expect(parseShard(bad)).toHaveProperty('error');
  });

  it('the options schema takes the text or the object and names the problem', () => {
    expect(shardSchema.parse('1/3')).toEqual({ index: 1, count: 3 });
    expect(shardSchema.parse({ index: 0, count: 1 })).toEqual({ index: 0, count: 1 });
    const bad = shardSchema.safeParse('3/3');
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('counts from 0');
    expect(shardSchema.safeParse({ index: 3, count: 3 }).success).toBe(false);
  });
});

describe('scan --shard', () => {
  it('becomes options.shard, and a malformed value is one line naming --shard', () => {
    expect(parseScanFlags(['https://www.example.se/'], { shard: '1/3' }).shard).toEqual({ index: 1, count: 3 });
    expect(parseScanFlags(['https://www.example.se/'], {}).shard).toBeUndefined();
    let error: unknown;
    try {
      parseScanFlags(['https://www.example.se/'], { shard: '3/3' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^scan: --shard: the shard index counts from 0, so it is 0 to 2 for 3 shards \(got "3\/3"\)/);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('shardOf / selectShard', () => {
  it('puts every target in exactly one shard, for n = 1 … 7', () => {
    const planned = targets.map((input) => ({ input }));
    for (let n = 1; n <= 7; n += 1) {
      const parts = Array.from({ length: n }, (_, index) => selectShard(planned, { index, count: n }));
      expect(parts.flat().map((t) => t.input).sort()).toEqual([...targets].sort());
      expect(new Set(parts.flat()).size).toBe(targets.length);
    }
  });

  it('keeps all URLs of one registrable domain together', () => {
    expect(shardKey('https://shop.site-3.se/checkout')).toBe(shardKey('site-3.se/kontakt'));
    expect(shardKey('https://www.kund-1.co.uk/a')).toBe('kund-1.co.uk');
    for (let n = 2; n <= 7; n += 1) {
      for (let i = 0; i < 40; i += 1) {
        const shard = shardOf(`https://www.site-${i}.se/`, n);
        expect(shardOf(`https://shop.site-${i}.se/checkout`, n)).toBe(shard);
        expect(shardOf(`http://SITE-${i}.se:8080/kontakt`, n)).toBe(shard);
      }
    }
  });

  it('is balanced: no shard holds more than 1.5× its share of the sites', () => {
    const sites = [...new Set(targets.map(shardKey))].filter((k) => !k.startsWith('input:'));
    for (let n = 2; n <= 7; n += 1) {
      const sizes = Array.from({ length: n }, () => 0);
      for (const site of sites) sizes[shardOf(`https://${site}/`, n)]! += 1;
      expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.ceil((sites.length / n) * 1.5));
      expect(Math.min(...sizes)).toBeGreaterThan(0);
    }
  });

  it('is the same split in another process (a content hash, not a per-process seed)', () => {
    const here = targets.map((t) => shardOf(t, 5)).join(',');
    // A fresh Node process computing the documented formula from scratch must agree.
    const script = `
      const { createHash } = require('node:crypto');
      const keys = JSON.parse(process.argv[1]);
      process.stdout.write(keys.map((k) => createHash('sha256').update(k).digest().readUIntBE(0, 6) % 5).join(','));`;
    const there = execFileSync(process.execPath, ['-e', script, JSON.stringify(targets.map(shardKey))], { cwd: ROOT, encoding: 'utf8' });
    expect(there).toBe(here);
    // Pinned values: a change of the hash would silently move sites between shards of a running fleet.
    expect([shardOf('https://www.tryggbo-forsakring.test/', 4), shardOf('https://www.example.se/', 7)]).toEqual(PINNED);
  });
});

const PINNED = [3, 2];
