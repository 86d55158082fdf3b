import { readHarResponses, type HarResponses } from './har-responses.js';
import { loadRecipientLookup, type RecipientLookup } from './recipients.js';

/** What `judge` reads besides evidence and rules: the HAR's response bodies and the tracker database. */
export interface JudgeSupport {
  responses: HarResponses;
  recipients: RecipientLookup;
}

/** Loads both for a bundle whose HAR is at `harPath`; neither failing stops the judgement. */
export async function loadJudgeSupport(harPath: string): Promise<JudgeSupport> {
  const [responses, recipients] = await Promise.all([readHarResponses(harPath), loadRecipientLookup()]);
  return { responses, recipients };
}
