import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ExitCode } from '../../config/errors.js';
import { runExample } from '../../rules/examples.js';
import { loadRules, BUNDLED_RULES_DIR } from '../../rules/load.js';
import { formatRuleTable } from '../../rules/table.js';

const withBundled = (dir?: string): string[] => (dir ? [BUNDLED_RULES_DIR, dir] : [BUNDLED_RULES_DIR]);

export function registerRules(program: Command, setExit: (code: number) => void): void {
  const rules = program.command('rules').description('list, lint and test tracker rules');
  rules
    .command('list')
    .description('table of rules: id, vendor, hosts, data it can carry')
    .option('--rules <dir>', 'extra rule folder')
    .option('--json', 'print the rules as JSON')
    .action(async (flags: { rules?: string; json?: boolean }) => {
      const set = await loadRules(withBundled(flags.rules));
      process.stdout.write(flags.json ? `${JSON.stringify(set.rules, null, 2)}\n` : formatRuleTable(set.rules));
    });
  rules
    .command('lint')
    .description('validate rule files; exit 2 naming file, field and value on the first error')
    .argument('[dir]', 'rule folder (checked together with the bundled rules it may refer to)')
    .action(async (dir?: string) => {
      // A UsageError (file: field: message (got value)) propagates: one line, exit 2.
      const set = await loadRules(withBundled(dir));
      const folder = resolve(dir ?? BUNDLED_RULES_DIR);
      const own = new Set(set.files.filter((f) => dirname(resolve(f)) === folder)).size;
      process.stdout.write(`ok: ${own} rule file(s) in ${dir ?? BUNDLED_RULES_DIR}\n`);
      setExit(ExitCode.clean);
    });
  rules
    .command('test')
    .description("run every rule's example requests")
    .argument('[dir]', 'extra rule folder')
    .action(async (dir?: string) => {
      const set = await loadRules(withBundled(dir));
      let failed = 0;
      let total = 0;
      for (const rule of set.rules) {
        for (const example of rule.examples) {
          total += 1;
          const { problems } = runExample(set.rules, rule, example);
          if (problems.length) {
            failed += 1;
            process.stdout.write(`FAIL ${rule.id}: ${example.request.method} ${example.request.url}\n${problems.map((p) => `  ${p}\n`).join('')}`);
          }
        }
      }
      process.stdout.write(`${total - failed} passed, ${failed} failed (${set.rules.length} rules)\n`);
      setExit(failed ? ExitCode.findings : ExitCode.clean);
    });
}
