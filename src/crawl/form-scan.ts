import type { Frame, Page } from 'playwright';
import type { FieldDescriptor } from './classify-field.js';
import type { FoundButton } from './form-controls.js';
import { scanFrame, type ScannedField } from './form-scan-script.js';

export { waitForInputs } from './late-inputs.js';

/** Forms and fields taken from one frame; more is recorded as truncated. */
export const SCAN_LIMITS = { maxForms: 25, maxFields: 80 } as const;
/** Frames looked into per page (ads can nest dozens). */
export const MAX_FRAMES = 20;

/** A field as found: what the classifier reads, plus where it is and its state (visible, required, options). */
export type FoundField = FieldDescriptor & Omit<ScannedField, keyof FieldDescriptor>;

/** A form (or a form-like group of inputs without `<form>`) as found in a frame, before classification. */
export interface FoundForm {
  /** The frame it lives in: the page's main frame or an iframe, cross-origin ones included. */
  frame: Frame;
  selector: string;
  kind: 'form' | 'formless';
  inShadowRoot: boolean;
  action?: string;
  method?: string;
  fields: FoundField[];
  buttons: FoundButton[];
}

/**
 * Lists the forms of every frame of the page — `<form>` elements and form-like groups, in the
 * document and in open shadow roots — described by the attributes a person or a tracker reads.
 * A frame that cannot be read (detached, navigating) is passed over.
 */
export async function findForms(page: Page): Promise<{ forms: FoundForm[]; truncated: boolean }> {
  const forms: FoundForm[] = [];
  let truncated = false;
  for (const frame of page.frames().slice(0, MAX_FRAMES)) {
    const scanned = await scanOneFrame(frame);
    truncated ||= scanned.truncated;
    forms.push(...scanned.forms);
  }
  return { forms, truncated: truncated || page.frames().length > MAX_FRAMES };
}

/** The forms of one frame. */
export async function scanOneFrame(frame: Frame): Promise<{ forms: FoundForm[]; truncated: boolean }> {
  // Widgets that document.write() into an about:blank frame count; Chromium's error pages do not.
  if (frame.isDetached() || /^chrome-error:/.test(frame.url())) return { forms: [], truncated: false };
  try {
    const result = await withTimeout(frame.evaluate(scanFrame, SCAN_LIMITS), 10_000);
    return { forms: result.forms.map((f) => ({ ...f, frame })), truncated: result.truncated };
  } catch {
    return { forms: [], truncated: false };
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
