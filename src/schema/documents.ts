import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { configFileSchema } from '../config/config-file.js';
import { baselineFileSchema, BASELINE_SCHEMA_VERSION } from '../baseline/schema.js';
import { evidenceSchema, EVIDENCE_SCHEMA_VERSION } from '../evidence/schema.js';
import { findingsFileSchema, FINDINGS_SCHEMA_VERSION } from '../judge/finding.js';
import { personaSchema } from '../persona/schema.js';
import { manifestSchema, MANIFEST_SCHEMA_VERSION } from '../report/manifest.js';
import { controllerFileSchema } from '../report/notification/controller.js';
import { notificationSchema, NOTIFICATION_SCHEMA_VERSION } from '../report/notification/schema.js';
import { runSummarySchema, RUN_SCHEMA_VERSION } from '../report/run-summary.js';
import { signatureFileSchema, SIGNATURE_SCHEMA_VERSION } from '../report/sign.js';
import { ruleSchema } from '../rules/schema.js';

/** `schema/` at the package root (from `src/schema/` and from `dist/schema/` alike). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

interface Source {
  schema: z.ZodType;
  version: number;
  /** `input` for files users write (defaults optional), `output` for files pixel-audit writes. */
  io: 'input' | 'output';
  title: string;
}

/**
 * Every JSON file format pixel-audit reads or writes, by schema file name. The zod schemas are
 * the single definition; these JSON Schemas are generated from them (`npm run schema`) and a
 * test fails when a committed file differs from what its zod schema generates.
 */
const SOURCES: Record<string, Source> = {
  'findings.schema.json': { schema: findingsFileSchema, version: FINDINGS_SCHEMA_VERSION, io: 'output', title: 'pixel-audit findings.json' },
  'run.schema.json': { schema: runSummarySchema, version: RUN_SCHEMA_VERSION, io: 'output', title: 'pixel-audit run.json' },
  'manifest.schema.json': { schema: manifestSchema, version: MANIFEST_SCHEMA_VERSION, io: 'output', title: 'pixel-audit manifest.json' },
  'evidence.schema.json': { schema: evidenceSchema, version: EVIDENCE_SCHEMA_VERSION, io: 'output', title: 'pixel-audit evidence.json' },
  'notification.schema.json': { schema: notificationSchema, version: NOTIFICATION_SCHEMA_VERSION, io: 'output', title: 'pixel-audit notification.json' },
  'signature.schema.json': { schema: signatureFileSchema, version: SIGNATURE_SCHEMA_VERSION, io: 'output', title: 'pixel-audit manifest.sig' },
  'rule.schema.json': { schema: ruleSchema, version: 1, io: 'input', title: 'pixel-audit tracker rule (rules/<id>.json)' },
  'persona.schema.json': { schema: personaSchema, version: 1, io: 'input', title: 'pixel-audit persona (--persona)' },
  'controller.schema.json': { schema: controllerFileSchema, version: 1, io: 'input', title: 'pixel-audit controller facts (--controller)' },
  'baseline.schema.json': { schema: baselineFileSchema, version: BASELINE_SCHEMA_VERSION, io: 'input', title: 'pixel-audit baseline (--baseline)' },
  'config.schema.json': { schema: configFileSchema, version: 1, io: 'input', title: 'pixel-audit.config.json (scan --config)' },
};

/** The JSON Schema documents, by file name, in a stable form. */
export function schemaDocuments(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(SOURCES).map(([file, source]) => {
    const name = file.replace(/\.schema\.json$/, '');
    const generated = z.toJSONSchema(source.schema, { io: source.io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    return [file, {
      $schema,
      $id: `urn:pixel-audit:schema:${name}:v${source.version}`,
      title: source.title,
      'x-schema-version': source.version,
      ...rest,
    }];
  }));
}

/** The text of a schema file as committed: two-space JSON and a final newline. */
export function schemaFileText(doc: Record<string, unknown>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
