import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { BUNDLED_RULES_DIR, loadRules, parseRule } from '../../../src/rules/load.js';
import type { RuleInput } from '../../../src/rules/schema.js';
import { usageError } from '../../helpers/usage-error.js';

const minimalRule = (over: Partial<RuleInput> = {}): RuleInput => ({
  id: 'example-tracker',
  name: 'Example Tracker',
  category: 'analytics',
  vendor: { name: 'Example Analytics AB', country: 'SE' },
  endpoints: [{ hosts: ['collect.example-tracker.test'], role: 'collect' }],
  examples: [{ request: { method: 'GET', url: 'https://collect.example-tracker.test/c?aid=1' }, expect: { role: 'collect' } }],
  ...over,
});


describe('parseRule', () => {
  it('fills defaults of a minimal rule', () => {
    const rule = parseRule(JSON.stringify(minimalRule()), 'rules/example.json');
    expect(rule).toMatchObject({ id: 'example-tracker', accountIdParams: [], eventParams: [], personalDataParams: [], docs: [] });
    expect(rule.examples[0]!.request.method).toBe('GET');
  });

  it('names the file for invalid JSON', () => {
    const error = usageError(() => parseRule('{ "id": "x", ', 'my-rules/broken.json'));
    expect(error.message).toMatch(/^my-rules\/broken\.json: not valid JSON \(.+\)$/);
  });

  it('names file, field path and value for a wrong field', () => {
    const text = JSON.stringify(minimalRule({ vendor: { name: 'Example Analytics AB', country: 'SWE' } }));
    const error = usageError(() => parseRule(text, 'my-rules/example.json'));
    expect(error.message).toBe('my-rules/example.json: vendor.country: expected a two-letter ISO country code such as IE (got "SWE")');
  });

  it('names the index inside arrays', () => {
    const text = JSON.stringify(minimalRule({ endpoints: [{ hosts: ['ok.example.test', 'Bad Host!'], role: 'collect' }] }));
    expect(usageError(() => parseRule(text, 'r.json')).message).toBe(
      'r.json: endpoints.0.hosts.1: a host such as www.facebook.com or *.facebook.com (got "Bad Host!")',
    );
  });

  it('refuses a rule without examples, saying every rule needs one', () => {
    const text = JSON.stringify(minimalRule({ examples: [] }));
    expect(usageError(() => parseRule(text, 'r.json')).message).toBe('r.json: examples: every rule needs at least one example request (got [])');
    const { examples: _, ...noExamples } = minimalRule();
    expect(usageError(() => parseRule(JSON.stringify(noExamples), 'r.json')).message).toMatch(/^r\.json: examples: /);
  });

  it('refuses a non-kebab id and unknown keys', () => {
    expect(usageError(() => parseRule(JSON.stringify(minimalRule({ id: 'Meta_Pixel' })), 'r.json')).message).toBe(
      'r.json: id: kebab-case, e.g. meta-pixel (got "Meta_Pixel")',
    );
    expect(usageError(() => parseRule(JSON.stringify({ ...minimalRule(), colour: 'blue' }), 'r.json')).message).toMatch(/^r\.json: \(top level\): .*colour/);
  });
});

describe('loadRules', () => {
  it('loads the bundled rules, including the Meta Pixel', async () => {
    const set = await loadRules();
    const meta = set.rules.find((r) => r.id === 'meta-pixel');
    expect(meta).toBeDefined();
    expect(meta!.name).toBe('Meta Pixel');
    expect(meta!.vendor).toEqual({ name: 'Meta Platforms Ireland Ltd', country: 'IE', parent: { name: 'Meta Platforms, Inc.', country: 'US' } });
    expect(set.files).toContain(join(BUNDLED_RULES_DIR, 'meta-pixel.json'));
    expect(set.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same digest on every load of the same files', async () => {
    const [a, b] = await Promise.all([loadRules([BUNDLED_RULES_DIR]), loadRules([BUNDLED_RULES_DIR])]);
    expect(a.digest).toBe(b.digest);
  });

  it('lets a later folder replace a bundled rule of the same id, and changes the digest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-rules-'));
    const bundled = JSON.parse(await readFile(join(BUNDLED_RULES_DIR, 'meta-pixel.json'), 'utf8')) as RuleInput;
    await writeFile(join(dir, 'meta-pixel.json'), JSON.stringify({ ...bundled, name: 'Meta Pixel (corrected)' }));
    await writeFile(join(dir, 'example.json'), JSON.stringify(minimalRule()));
    await writeFile(join(dir, 'README.md'), 'not a rule');
    const set = await loadRules([BUNDLED_RULES_DIR, dir]);
    const metas = set.rules.filter((r) => r.id === 'meta-pixel');
    expect(metas).toHaveLength(1);
    expect(metas[0]!.name).toBe('Meta Pixel (corrected)');
    expect(set.rules.map((r) => r.id)).toContain('example-tracker');
    expect(set.files.slice(-2)).toEqual([join(dir, 'example.json'), join(dir, 'meta-pixel.json')]);
    expect(set.digest).not.toBe((await loadRules()).digest);
  });

  it('turns an unreadable folder into a UsageError naming it', async () => {
    const missing = join(tmpdir(), 'pixel-audit-no-such-rules');
    await expect(loadRules([missing])).rejects.toThrow(new UsageError(`rules folder ${missing}: cannot read (ENOENT)`));
  });

  it('names the file of a broken rule in a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-rules-'));
    await writeFile(join(dir, 'broken.json'), '{');
    await expect(loadRules([dir])).rejects.toThrow(`${join(dir, 'broken.json')}: not valid JSON`);
  });
});
