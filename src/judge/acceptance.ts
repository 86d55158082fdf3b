import { z } from 'zod';

/**
 * How a baseline entry (`--baseline`) accepted a finding or a configuration fact: copied from the
 * entry, so the bundle says on its own who accepted what and why.
 */
export const acceptanceSchema = z.strictObject({
  /** Why it is accepted, e.g. `processor agreement DPA-2026-14 with Meta`. */
  reason: z.string(),
  /** Who answers for the acceptance, e.g. `privacy@company.example`. */
  owner: z.string(),
  /** When the entry was added (a date or a UTC time, as written in the baseline). */
  acceptedAt: z.string(),
  /** Last day or moment the entry accepts, when it has one. */
  expires: z.string().optional(),
  /** The baseline file, as given to `--baseline`. */
  baselineFile: z.string(),
});
export type Acceptance = z.infer<typeof acceptanceSchema>;
