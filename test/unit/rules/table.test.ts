import { describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/rules/load.js';
import { formatRuleTable } from '../../../src/rules/table.js';

describe('formatRuleTable', () => {
  it('prints a header and one aligned row per rule, sorted by id', async () => {
    const { rules } = await loadRules();
    const lines = formatRuleTable(rules).trimEnd().split('\n');
    expect(lines).toHaveLength(rules.length + 1);
    expect(lines[0]).toMatch(/^ID\s+VENDOR\s+HOSTS\s+DATA IT CAN CARRY$/);
    const ids = lines.slice(1).map((l) => l.split(' ')[0]);
    expect(ids).toEqual([...ids].sort());
    // Every column starts at the same offset on every line.
    const start = (label: string) => lines[0]!.indexOf(label);
    const meta = lines.find((l) => l.startsWith('meta-pixel '))!;
    expect(meta.indexOf('Meta Platforms Ireland Ltd (IE)')).toBe(start('VENDOR'));
    expect(meta.indexOf('www.facebook.com')).toBe(start('HOSTS'));
    expect(meta.slice(start('DATA IT CAN CARRY'))).toMatch(/^email, phone, first_name, last_name, .*\(sha256\)$/);
    const gateway = lines.find((l) => l.startsWith('meta-capi-gateway '))!;
    expect(gateway).toContain('named by meta-pixel config');
    expect(lines.find((l) => l.startsWith('google-sgtm '))).toContain('any host (by wire format)');
  });
});
