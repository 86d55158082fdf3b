import type { Command } from 'commander';
import { loadRules, BUNDLED_RULES_DIR } from '../../rules/load.js';
import { matchRule } from '../../rules/match.js';

export function registerRules(program: Command, setExit: (code: number) => void): void {
  const rules = program.command('rules').description('list, lint and test tracker rules');
  rules
    .command('list')
    .description('table of rules: id, vendor, hosts, data it can carry')
    .option('--rules <dir>', 'extra rule folder')
    .action(async (flags: { rules?: string }) => {
      const set = await loadRules(flags.rules ? [BUNDLED_RULES_DIR, flags.rules] : [BUNDLED_RULES_DIR]);
      for (const rule of set.rules) {
        const hosts = [...new Set(rule.endpoints.flatMap((e) => e.hosts))].join(', ');
        const data = [...new Set(rule.personalDataParams.map((p) => p.category).filter(Boolean))].join(', ');
        process.stdout.write(`${rule.id}\t${rule.vendor.name} (${rule.vendor.country})\t${hosts}\t${data || '-'}\n`);
      }
    });
  rules
    .command('lint')
    .description('validate rule files; exit 2 naming file, field and value on the first error')
    .argument('[dir]', 'rule folder', BUNDLED_RULES_DIR)
    .action(async (dir: string) => {
      const set = await loadRules([dir]);
      process.stdout.write(`ok: ${set.rules.length} rule(s) in ${dir}\n`);
    });
  rules
    .command('test')
    .description("run every rule's example requests")
    .argument('[dir]', 'extra rule folder')
    .action(async (dir?: string) => {
      const set = await loadRules(dir ? [BUNDLED_RULES_DIR, dir] : [BUNDLED_RULES_DIR]);
      let failed = 0;
      let total = 0;
      for (const rule of set.rules) {
        for (const example of rule.examples) {
          total += 1;
          const match = matchRule([rule], example.request.method, example.request.url, example.request.body);
          const got = { role: match?.role, accountId: match?.accountId, event: match?.event };
          const wrong = (Object.keys(example.expect) as Array<keyof typeof got>).filter((k) => example.expect[k] !== got[k]);
          if (wrong.length) {
            failed += 1;
            process.stdout.write(`FAIL ${rule.id}: ${example.request.url}: expected ${JSON.stringify(example.expect)}, got ${JSON.stringify(got)}\n`);
          }
        }
      }
      process.stdout.write(`${total - failed} passed, ${failed} failed\n`);
      setExit(failed ? 1 : 0);
    });
}
