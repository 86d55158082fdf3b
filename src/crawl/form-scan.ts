import type { Frame, Page } from 'playwright';
import type { FieldDescriptor } from './classify-field.js';
import type { FoundButton } from './form-controls.js';
import { scanFrame, type ScannedField } from './form-scan-script.js';

/** Forms and fields taken from one frame; more is recorded as truncated. */
export const SCAN_LIMITS = { maxForms: 25, maxFields: 80 } as const;
/** Frames looked into per page (ads can nest dozens). */
const MAX_FRAMES = 20;

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

/**
 * Waits a little for inputs that scripts render after load (single-page apps, widgets that
 * load their form into an iframe): returns as soon as any frame shows a visible input, or
 * after `maxMs`. Pages without forms cost at most `maxMs`.
 */
export async function waitForInputs(page: Page, maxMs = 2500): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    for (const frame of page.frames().slice(0, MAX_FRAMES)) {
      if (frame.isDetached()) continue;
      const found = await withTimeout(frame.evaluate(hasVisibleInput), 2000).catch(() => false);
      if (found) return true;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** In-page: is there a visible input (not a search box), in the document or an open shadow root? */
function hasVisibleInput(): boolean {
  const visit = (root: Document | ShadowRoot): boolean => {
    const selector = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=search]), textarea, select';
    for (const el of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
      // A site search box in the header says nothing about the form a script is still rendering.
      if (el.closest('[role=search]') || /^(q|s|query|search|sok|suche)$/i.test(el.getAttribute('name') ?? '')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0) return true;
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      if (shadow && visit(shadow)) return true;
    }
    return false;
  };
  return visit(document);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
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
