import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { UsageError, describeZodError } from '../config/errors.js';
import { ruleSchema, type Rule } from './schema.js';

/** The rules shipped with pixel-audit (`rules/` at the package root). */
export const BUNDLED_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** A loaded rule set and the digest of its files, recorded in the manifest. */
export interface RuleSet {
  rules: Rule[];
  /** SHA-256 over the sorted file names and contents: which rules judged a scan. */
  digest: string;
  files: string[];
}

/** Parses one rule file; a malformed one is a UsageError naming file, field and value. */
export function parseRule(text: string, file: string): Rule {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ruleSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error, file, json));
  return parsed.data;
}

/** A `discoveredFrom` naming a rule that is not loaded would silently never match: a rule error. */
function checkReferences(byId: Map<string, Rule>, fileOf: Map<string, string>): void {
  for (const rule of byId.values()) {
    rule.endpoints.forEach((endpoint, i) => {
      const ref = endpoint.discoveredFrom?.rule;
      if (ref !== undefined && !byId.has(ref)) {
        throw new UsageError(`${fileOf.get(rule.id)}: endpoints.${i}.discoveredFrom.rule: no loaded rule has this id (got ${JSON.stringify(ref)})`);
      }
    });
  }
}

/**
 * Loads every `*.json` of the given folders, bundled rules first; a later folder's rule with
 * the same id replaces the earlier one, so a user can correct a bundled rule.
 */
export async function loadRules(dirs: string[] = [BUNDLED_RULES_DIR]): Promise<RuleSet> {
  const byId = new Map<string, Rule>();
  const fileOf = new Map<string, string>();
  const digest = createHash('sha256');
  const files: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      throw new UsageError(`rules folder ${dir}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    for (const name of names) {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8');
      const rule = parseRule(text, file);
      byId.set(rule.id, rule);
      fileOf.set(rule.id, file);
      files.push(file);
      digest.update(name).update('\0').update(text).update('\0');
    }
  }
  checkReferences(byId, fileOf);
  return { rules: [...byId.values()], digest: digest.digest('hex'), files };
}
