import { z } from 'zod';
import { describeZodError, UsageError } from '../config/errors.js';
import { scanOptionsSchema } from '../config/options.js';
import { personaSchema } from '../persona/schema.js';

/**
 * Options of the `audit` fixture (`test.use({ auditOptions: { … } })`): the scan options that
 * make sense inside a test, from the one options schema, plus a persona given inline.
 */
export const auditOptionsSchema = scanOptionsSchema
  .pick({ seed: true, failOn: true, submit: true, rulesDir: true, lang: true, caseRef: true, inspectors: true, controllerFile: true, signKey: true })
  .extend({
    /**
     * The persona to type: a persona JSON file's path or the persona itself. Generated from
     * `seed` (random when not given) for the site's country otherwise.
     */
    persona: z.union([z.string().min(1), personaSchema]).optional(),
  });

/** What a test passes to `auditOptions`. `failOn` is the default threshold of `toHaveNoLeaks()`. */
export type AuditOptionsInput = z.input<typeof auditOptionsSchema>;
/** Validated audit options, defaults applied (`failOn: 'low'`, `submit: 'intercept'`). */
export type AuditOptions = z.output<typeof auditOptionsSchema>;

/** Validates `auditOptions`; a wrong value is a one-line UsageError naming the field. */
export function parseAuditOptions(input: AuditOptionsInput | undefined): AuditOptions {
  const parsed = auditOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error, 'auditOptions', input));
  return parsed.data;
}
