import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/**
 * The long flags a subcommand accepts, read from its `--help` as a user sees it (in-process, from
 * `src/`, so no build is needed). Undefined when the subcommand is not registered.
 */
export async function subcommandFlags(command: string): Promise<Set<string> | undefined> {
  let text = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['node', 'pixel-audit', command, '--help']);
    if (code !== 0 || !text.includes(`pixel-audit ${command}`)) return undefined;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const options = text.slice(text.indexOf('Options:'));
  return new Set([...options.matchAll(/(?:^|[\s,])(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!));
}

/** One use of the CLI found in a manifest or CI file: the subcommand and the long flags given. */
export interface CliUse {
  where: string;
  command: string;
  flags: string[];
}

/** From an argument vector whose first item is the subcommand (a container's `args`, compose's `command`). */
export function useFromArgv(where: string, argv: readonly string[]): CliUse {
  return { where, command: argv[0]!, flags: argv.filter((a) => a.startsWith('--')).map((a) => a.replace(/=.*$/, '')) };
}

/**
 * From shell text: every `…/pixel-audit.js <command> …`, and every line that starts with
 * `pixel-audit <command>` (a README's code), up to the end of its line (backslash continuations
 * joined) or `;`.
 */
export function usesFromShell(where: string, text: string): CliUse[] {
  const joined = text.replace(/\\\n/g, ' ');
  return [...joined.matchAll(/(?:pixel-audit\.js|^[ \t]*(?:\$ )?pixel-audit)[ \t]+([a-z][a-z-]*)([^;\n]*)/gm)].map((m) => ({
    where, command: m[1]!, flags: [...m[2]!.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)].map((f) => f[1]!),
  }));
}

/** Each use whose subcommand or flag the CLI does not have, as a readable line. */
export async function unknownCliUses(uses: readonly CliUse[]): Promise<string[]> {
  const problems: string[] = [];
  const cache = new Map<string, Set<string> | undefined>();
  for (const use of uses) {
    if (!cache.has(use.command)) cache.set(use.command, await subcommandFlags(use.command));
    const known = cache.get(use.command);
    if (!known) {
      problems.push(`${use.where}: pixel-audit has no subcommand "${use.command}"`);
      continue;
    }
    for (const flag of use.flags) if (!known.has(flag)) problems.push(`${use.where}: pixel-audit ${use.command} has no ${flag}`);
  }
  return problems;
}
