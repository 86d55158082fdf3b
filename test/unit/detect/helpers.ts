import { createHash } from 'node:crypto';
import type { CapturedRequest } from '../../../src/evidence/schema.js';
import { personaSchema, type Persona } from '../../../src/persona/schema.js';

/**
 * A hand-made canary persona for detection tests (not from the generator, which is written
 * separately): diacritics, a hyphenated name and a spaced postal code exercise normalisation.
 */
export const persona: Persona = personaSchema.parse({
  seed: 'unit-detect',
  country: 'SE',
  email: 'marta.oberg.q7x2@example.test',
  phone: '070-123 45 67',
  phoneE164: '+46701234567',
  firstName: 'Märta-Lis',
  lastName: 'Öberg-Kvist',
  gender: 'female',
  dateOfBirth: '1987-03-14',
  streetAddress: 'Sveavägen 112',
  postalCode: '113 50',
  city: 'Upplands Väsby',
  region: 'Stockholms län',
  nationalIds: { SE: '19870314-1238', NO: '14038712345', DK: '140387-1234', FI: '140387A123B' },
  password: 'Kanarie#4821-zq',
  message: 'Hej! Detta är ett testmeddelande med koden CANARY-7QX2-MSG.',
});

/** Lower-case hex digest. */
export const hex = (algo: string, text: string): string => createHash(algo).update(text, 'utf8').digest('hex');
/** base64url digest without padding. */
export const b64url = (algo: string, text: string): string => createHash(algo).update(text, 'utf8').digest('base64url');

let counter = 0;

/** Options of {@link makeRequest}: a URL plus what differs from a plain GET. */
export interface RequestSpec {
  url: string;
  method?: string;
  resourceType?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  channel?: 'http' | 'websocket';
  id?: string;
}

/** A CapturedRequest as the capture stage records it. */
export function makeRequest(spec: RequestSpec): CapturedRequest {
  counter += 1;
  const req: CapturedRequest = {
    id: spec.id ?? `r${String(counter).padStart(4, '0')}`,
    at: '2025-01-01T12:00:00.000Z',
    channel: spec.channel ?? 'http',
    method: spec.method ?? (spec.body === undefined ? 'GET' : 'POST'),
    url: spec.url,
    resourceType: spec.resourceType ?? (spec.body === undefined ? 'image' : 'fetch'),
    headers: spec.headers ?? {},
    afterAction: null,
    outcome: { delivered: true },
  };
  if (spec.body !== undefined) req.bodyBase64 = Buffer.from(spec.body).toString('base64');
  return req;
}
