import type { StorageItem, StoredCookie } from '../evidence/stored-state.js';
import type { View } from './types.js';
import { expandText, ViewSink } from './views.js';

/*
 * Views of what scripts stored in the browser (src/evidence/stored-state.ts). Paths name the
 * owner first, as findings attribute them: `cookie-jar.<domain>.<name>` (the cookie's domain,
 * leading dot dropped) and `storage.<origin>.local.<key>` / `storage.<origin>.session.<key>`
 * (the origin of the frame that owns the storage); a value's decodings append to them as in
 * requests (`.b64.json.email`).
 */

const MAX_NAME_CHARS = 200;
const clip = (name: string): string => (name.length > MAX_NAME_CHARS ? name.slice(0, MAX_NAME_CHARS) : name);

/** Host a stored cookie belongs to: its domain without the leading dot. */
export const cookieHost = (cookie: Pick<StoredCookie, 'domain'>): string => cookie.domain.replace(/^\./, '');

export const cookieJarPath = (cookie: StoredCookie): string => `cookie-jar.${cookieHost(cookie)}.${clip(cookie.name)}`;

export const storagePath = (item: StorageItem): string => `storage.${item.origin}.${item.area}.${clip(item.key)}`;

/** The views of one stored value under `path`: percent-decodings, JSON, base64, LZ-string, … */
export function storedViews(path: string, value: string): View[] {
  const sink = new ViewSink();
  expandText(path, value, 1, sink);
  return sink.views;
}
