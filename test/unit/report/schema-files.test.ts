import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR, schemaDocuments, schemaFileText } from '../../../src/schema/documents.js';

describe('schema/*.json', () => {
  const documents = schemaDocuments();

  it.each(Object.keys(documents))('%s is what its zod schema generates (run `npm run schema` after changing one)', async (file) => {
    const committed = await readFile(join(SCHEMA_DIR, file), 'utf8').catch(() => `(no ${file})`);
    expect(committed).toBe(schemaFileText(documents[file]!));
  });

  it('has no file that no zod schema generates, and a version in every one', async () => {
    const files = (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(documents).sort());
    for (const doc of Object.values(documents)) {
      expect(doc['x-schema-version']).toBeTypeOf('number');
      expect(doc.$id).toMatch(/^urn:pixel-audit:schema:[a-z]+:v\d+$/);
    }
  });

  it('pins the schemaVersion of every file pixel-audit writes', () => {
    for (const file of ['findings', 'run', 'manifest', 'evidence', 'notification', 'signature']) {
      const props = documents[`${file}.schema.json`]!.properties as Record<string, { const?: number }>;
      expect(props.schemaVersion?.const, file).toBe(documents[`${file}.schema.json`]!['x-schema-version']);
    }
  });
});
