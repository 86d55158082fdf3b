import { readFile } from 'node:fs/promises';
import type { CapturedRequest } from '../evidence/schema.js';

interface HarEntry {
  request: { method: string; url: string };
}

/**
 * Points each captured request at its entry in Playwright's HAR, so a finding can cite the
 * archival record. Entries are paired in order by method and URL; a request Playwright did
 * not archive (e.g. a WebSocket frame) keeps no index rather than a wrong one.
 */
export async function linkHarEntries(harPath: string, requests: CapturedRequest[]): Promise<number> {
  let entries: HarEntry[];
  try {
    entries = (JSON.parse(await readFile(harPath, 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;
  } catch {
    return 0;
  }
  const queues = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    const key = `${entry.request.method} ${entry.request.url}`;
    const queue = queues.get(key) ?? [];
    queue.push(index);
    queues.set(key, queue);
  });
  let linked = 0;
  for (const request of requests) {
    if (request.channel !== 'http') continue;
    const index = queues.get(`${request.method} ${request.url}`)?.shift();
    if (index !== undefined) {
      request.harIndex = index;
      linked += 1;
    }
  }
  return linked;
}
