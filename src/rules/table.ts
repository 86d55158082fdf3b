import type { Rule } from './schema.js';

/** Columns of `rules list`; a host list longer than this is cut with "+N more". */
const MAX_HOSTS = 3;

function hostsOf(rule: Rule): string {
  const listed = [...new Set(rule.endpoints.flatMap((e) => e.hosts))].map((h) => (h === '*' ? 'any host (by wire format)' : h));
  const discovered = [...new Set(rule.endpoints.flatMap((e) => (e.discoveredFrom ? [`named by ${e.discoveredFrom.rule} ${e.discoveredFrom.role}`] : [])))];
  const all = [...listed, ...discovered];
  return all.length > MAX_HOSTS ? `${all.slice(0, MAX_HOSTS).join(', ')} +${all.length - MAX_HOSTS} more` : all.join(', ');
}

function dataOf(rule: Rule): string {
  const categories = [...new Set(rule.personalDataParams.map((p) => p.category).filter((c): c is NonNullable<typeof c> => !!c))];
  const hashes = [...new Set(rule.personalDataParams.map((p) => p.hash).filter((h) => h !== 'plain'))];
  const free = rule.personalDataParams.some((p) => !p.category);
  const parts: string[] = [...categories];
  if (free) parts.push('other values');
  if (!parts.length) return '-';
  return hashes.length ? `${parts.join(', ')} (${hashes.join('/')})` : parts.join(', ');
}

/**
 * `rules list`: one aligned row per rule — id, vendor and country, hosts, the data its
 * parameters can carry — under a header; the last column is left ragged.
 */
export function formatRuleTable(rules: readonly Rule[]): string {
  const rows = [
    ['ID', 'VENDOR', 'HOSTS', 'DATA IT CAN CARRY'],
    ...[...rules].sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, `${r.vendor.name} (${r.vendor.country})`, hostsOf(r), dataOf(r)]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd()).join('\n') + '\n';
}
