import { decodeBase64Text } from './decode.js';
import { decodeLzString } from './lz-string.js';
import { MIN_BLOB } from './sweep.js';

/** Slashes in one blob run beyond which its stretches are not all tried. */
const MAX_SLASHES = 32;

/**
 * The prefilter's blob step (prefilter.ts): gives `each` the decoding (base64, else LZ-string)
 * of a run that may be a blob and of each stretch of it between slashes (URL path segments are
 * blobs), stopping at the first for which `each` is true. True then; false when none is;
 * undefined when the run has too many slashes to try them all (no proof can be made).
 */
export function blobReadings(run: string, each: (inner: string) => boolean): boolean | undefined {
  const inner = decodeBase64Text(run) ?? decodeLzString(run);
  if (inner !== undefined && each(inner)) return true;
  if (!run.includes('/')) return false;
  const cuts = [-1];
  for (let i = run.indexOf('/'); i >= 0; i = run.indexOf('/', i + 1)) cuts.push(i);
  cuts.push(run.length);
  if (cuts.length > MAX_SLASHES) return undefined;
  for (let a = 0; a < cuts.length; a++) {
    for (let b = a + 1; b < cuts.length; b++) {
      if ((a > 0 || b < cuts.length - 1) && cuts[b]! - cuts[a]! - 1 >= MIN_BLOB) {
        const stretch = run.slice(cuts[a]! + 1, cuts[b]);
        const piece = decodeBase64Text(stretch) ?? decodeLzString(stretch);
        if (piece !== undefined && each(piece)) return true;
      }
    }
  }
  return false;
}
