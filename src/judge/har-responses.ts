import { readFile } from 'node:fs/promises';

/** Response bodies of a bundle's `requests.har`, looked up by a request's `harIndex`. */
export interface HarResponses {
  /** The response body as text, when the HAR embedded one. */
  body(harIndex: number): string | undefined;
}

interface HarContent {
  text?: string;
  encoding?: string;
}
interface HarEntryLike {
  response?: { content?: HarContent };
}

/** Text responses above this size are not read for facts (configuration scripts are far smaller). */
const MAX_BODY_CHARS = 4 * 1024 * 1024;

/** Builds the look-up from parsed HAR JSON (`{ log: { entries } }`); anything else gives no bodies. */
export function harResponsesFrom(har: unknown): HarResponses {
  const entries = (har as { log?: { entries?: HarEntryLike[] } } | null)?.log?.entries;
  const list = Array.isArray(entries) ? entries : [];
  return {
    body(harIndex: number): string | undefined {
      const content = list[harIndex]?.response?.content;
      if (!content || typeof content.text !== 'string' || content.text.length > MAX_BODY_CHARS) return undefined;
      return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
    },
  };
}

/**
 * Reads the HAR of a bundle. A missing or unreadable HAR yields no bodies rather than an error:
 * the facts that need one are then simply not established (the leak findings do not depend on it).
 */
export async function readHarResponses(harPath: string): Promise<HarResponses> {
  try {
    return harResponsesFrom(JSON.parse(await readFile(harPath, 'utf8')) as unknown);
  } catch {
    return harResponsesFrom(undefined);
  }
}
