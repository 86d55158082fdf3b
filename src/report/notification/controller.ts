import { z } from 'zod';
import { readJsonFile } from '../../config/read-json-file.js';

const isoUtc = z.iso.datetime({ offset: true });
/** A count the controller estimates (`12000`, `"about 12 000"`, `"unknown"`). */
const approx = z.union([z.number().nonnegative(), z.string().min(1)]);

/** A person or function to contact. */
export const contactSchema = z.strictObject({
  /** Name of the person or function (`Dataskyddsombud`). */
  name: z.string().min(1).optional(),
  /** E-mail address. */
  email: z.string().min(3).optional(),
  /** Phone number as it should be dialled. */
  phone: z.string().min(3).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/**
 * `--controller <file>`: what only the controller knows, to prefill the notification draft and
 * the control report. Every field is optional; what is missing stays "to be completed by the
 * controller".
 */
export const controllerFileSchema = z.strictObject({
  /** A JSON Schema reference, ignored (lets editors validate the file). */
  $schema: z.string().optional(),
  /** The controller: legal name, organisation number and country (ISO 3166-1 alpha-2). */
  organisation: z.strictObject({
    name: z.string().min(1),
    /** Organisation number (`502010-3502`, `995 568 217`). */
    orgNumber: z.string().min(1).optional(),
    country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code such as SE').transform((c) => c.toUpperCase()).optional(),
  }).optional(),
  /** Data protection officer (Art. 37–39), the contact point of Art. 33(3)(b). */
  dpo: contactSchema.optional(),
  /** Another contact point, when there is no DPO. */
  contact: contactSchema.optional(),
  /** Who the data subjects are (`customers`, `patients`, `children`, …). */
  dataSubjectCategories: z.array(z.string().min(1)).optional(),
  /** Approximate number of data subjects (e.g. form submissions in the period, from analytics). */
  approxDataSubjects: approx.optional(),
  /** Approximate number of personal data records concerned. */
  approxRecords: approx.optional(),
  /** When the controller became aware of the breach (Art. 33(1): the 72 hours run from here). */
  awareAt: isoUtc.optional(),
  /** Measures taken to address the breach and mitigate its effects (Art. 33(3)(d)). */
  measuresTaken: z.array(z.string().min(1)).optional(),
  /** Security measures in place before the breach (asked by the Danish form). */
  measuresBeforeBreach: z.array(z.string().min(1)).optional(),
  /** Whether the data subjects are told (Art. 34), and why not when they are not. */
  dataSubjectsInformed: z.strictObject({
    decision: z.enum(['informed', 'will-inform', 'not-informing']),
    reason: z.string().min(1).optional(),
  }).optional(),
}).meta({ title: 'pixel-audit --controller file', description: 'Facts only the controller knows, prefilled into the breach-notification draft and the control report.' });
export type ControllerInfo = z.output<typeof controllerFileSchema>;

/** Reads and validates `--controller`; a mistake is a one-line UsageError naming file, field and value. */
export async function readControllerFile(path: string): Promise<ControllerInfo> {
  return readJsonFile(path, controllerFileSchema, { label: `--controller ${path}`, schemaHint: 'see schema/controller.schema.json' });
}
