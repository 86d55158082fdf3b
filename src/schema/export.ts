import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEMA_DIR, schemaDocuments, schemaFileText } from './documents.js';

/** Writes every JSON Schema into `schema/` (`npm run schema`). */
export async function exportSchemas(dir = SCHEMA_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, doc] of Object.entries(schemaDocuments())) {
    await writeFile(join(dir, file), schemaFileText(doc));
    written.push(file);
  }
  return written;
}

// Run as a script (`node dist/schema/export.js`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await exportSchemas();
  process.stdout.write(`wrote ${files.length} schema files to ${SCHEMA_DIR}: ${files.join(', ')}\n`);
}
