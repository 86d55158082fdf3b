import { z } from 'zod';

/** A legal entity receiving data, its country, and the parent that may receive it too. */
export const recipientVendorSchema = z.strictObject({
  name: z.string(),
  country: z.string(),
  parent: z.strictObject({ name: z.string(), country: z.string() }).optional(),
});
