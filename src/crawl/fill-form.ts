import type { BrowserContext, Frame, Page } from 'playwright';
import type { FieldRecord, FormRecord } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { Persona } from '../persona/schema.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import { hostOf } from '../shared/party.js';
import { classifyField } from './classify-field.js';
import { fillField, firstLine } from './fill-field.js';
import { pickControls, type FoundButton } from './form-controls.js';
import { scanOneFrame, type FoundField, type FoundForm } from './form-scan.js';
import { interceptSiteSubmit, SUBMIT_HOLD_MS, type TrackerPredicate } from './intercept.js';
import { phases } from './phase-clock.js';
import { settle } from './settle.js';

export { firstLine } from './fill-field.js';

/** What filling one form needs: the browser, the persona, the timeline and the submit mode. */
export interface FillContext {
  context: BrowserContext;
  page: Page;
  persona: Persona;
  timeline: Timeline;
  intercepted: InterceptedSet;
  submit: 'never' | 'intercept' | 'always';
  siteHost: string;
  /** Absolute path the form screenshot is written to, and its bundle-relative name. */
  screenshot: { path: string; name: string };
  /** Milliseconds between key presses. */
  keyDelay?: number;
  /** Epoch milliseconds after which no further step is started. */
  deadline?: number;
  /** See `CrawlOptions.isTrackerRequest`. */
  isTrackerRequest?: TrackerPredicate;
}

/** Steps of a multi-step form walked through at most. */
export const MAX_STEPS = 8;

/**
 * Fills one form the way a person does — click into each field, type key by key, leave it —
 * step by step through a multi-step form (fill what is visible, press its next button, fill
 * what appears), recording every action in the timeline; then handles the submit control per
 * `--submit`. Works the same for forms in iframes and open shadow roots.
 */
export async function fillForm(found: FoundForm, formId: string, ctx: FillContext): Promise<FormRecord> {
  const { page, persona, timeline } = ctx;
  const frame = found.frame;
  const frameUrl = frame === page.mainFrame() ? undefined : frame.url();
  const pageUrl = page.url();
  const fieldCtx = { page, frame, persona, timeline, formId, pageUrl, frameUrl, keyDelay: ctx.keyDelay ?? 10 };
  const records = new Map<string, FieldRecord>();
  const handled = new Set<string>();
  let form = found;
  let step = 1;
  let error: string | undefined;
  let controls = pickControls(form.buttons, form.kind);
  for (;;) {
    for (const field of form.fields) {
      const key = fieldKey(field);
      if (handled.has(key)) continue;
      // A checkbox holds no persona value: its label ("send offers by e-mail") decides only whether to tick it.
      const cls = field.type === 'checkbox' ? null : classifyField(field, persona.country);
      const record = records.get(key) ?? newRecord(field, cls?.category ?? null);
      records.set(key, record);
      // A field hidden now may be shown by a later step; it stays `hidden` if it never is.
      if (!field.visible) {
        record.skipped = 'hidden';
        continue;
      }
      handled.add(key);
      if (field.disabled) {
        record.skipped = 'disabled';
        continue;
      }
      delete record.skipped;
      record.step = step;
      await phases.time('fill: fields', () => fillField(field, cls, fieldCtx, record));
    }
    controls = pickControls(form.buttons, form.kind);
    if (controls.submit || !controls.next || step >= MAX_STEPS || (ctx.deadline && Date.now() > ctx.deadline)) break;
    const next = controls.next;
    timeline.add({ type: 'click', pageUrl, formId, selector: next.selector, detail: `next step ${step} → ${step + 1}: "${next.text}"`, ...(frameUrl ? { frameUrl } : {}) });
    await withIntercept(ctx, form, () => press(frame, next), 500, 3000, 'fill: next step');
    const again = await phases.time('find forms', () => rescan(form, handled));
    if (!again) {
      error = `the form was gone after its next button ("${next.text}") at step ${step}`;
      break;
    }
    const fresh = again.fields.filter((f) => f.visible && !handled.has(fieldKey(f)));
    const nextAgain = pickControls(again.buttons, again.kind);
    form = again;
    step += 1;
    if (!fresh.length && !nextAgain.submit && nextAgain.next?.selector === next.selector) {
      // The site refused to go on (a field we could not fill is required): record where it stopped.
      error = `stuck at step ${step - 1}: "${next.text}" showed no new field`;
      controls = nextAgain;
      break;
    }
  }
  const result: FormRecord = {
    id: formId,
    pageUrl,
    selector: form.selector,
    action: form.action,
    method: form.method,
    fields: [...records.values()],
    submitSelector: controls.submit?.selector,
    submit: 'not-submitted',
    kind: form.kind,
    steps: step,
    ...(frameUrl ? { frameUrl } : {}),
    ...(form.inShadowRoot ? { inShadowRoot: true } : {}),
    ...(error ? { error } : {}),
  };
  if (await phases.time('screenshot: form', () => shoot(page, frame, form.selector, ctx.screenshot.path))) result.screenshot = ctx.screenshot.name;
  if (!controls.submit) {
    result.submit = 'no-submit-control';
    return result;
  }
  if (ctx.submit === 'never') return result;
  const submit = controls.submit;
  try {
    timeline.add({ type: 'submit', pageUrl, formId, selector: submit.selector, detail: submit.text || undefined, ...(frameUrl ? { frameUrl } : {}) });
    const how = await withIntercept(ctx, form, () => press(frame, submit), 800, 6000, 'fill: submit');
    result.submit = ctx.submit === 'intercept' ? 'intercepted' : 'sent';
    if (how === 'synthetic') result.error = `${result.error ? `${result.error}; ` : ''}submit: the control was covered, clicked by script`;
  } catch (err) {
    result.error = `${result.error ? `${result.error}; ` : ''}submit: ${firstLine(err)}`;
  }
  return result;
}

/**
 * Runs a click with the site's own form request answered locally (intercept mode), for the
 * submit and for next buttons alike: a wizard that saves each step to the site's API would
 * otherwise deliver the application piece by piece. The form's frame counts as the site's
 * own: a booking widget's iframe posts to its vendor on the site's behalf.
 */
async function withIntercept<T>(ctx: FillContext, form: FoundForm, click: () => Promise<T>, quietMs: number, maxMs: number, phase: string): Promise<T> {
  const frameHost = hostOf(form.frame.url());
  const release = ctx.submit === 'intercept'
    ? await interceptSiteSubmit(ctx.context, ctx.siteHost, form.action, ctx.intercepted, SUBMIT_HOLD_MS, frameHost, ctx.isTrackerRequest)
    : undefined;
  try {
    const out = await phases.time(`${phase}: click`, click);
    await phases.time(`${phase}: network quiet`, () => settle(ctx.context, quietMs, maxMs));
    return out;
  } finally {
    await release?.();
  }
}

/** Clicks a control; one covered by an overlay (an unanswered banner) gets a script click instead. */
async function press(frame: Frame, button: FoundButton): Promise<'click' | 'synthetic'> {
  const locator = frame.locator(button.selector).first();
  try {
    await locator.click({ timeout: 4000 });
    return 'click';
  } catch {
    await locator.dispatchEvent('click', undefined, { timeout: 4000 });
    return 'synthetic';
  }
}

/** The same form after a step: by selector, else the form of that frame sharing most fields. */
async function rescan(form: FoundForm, handled: Set<string>): Promise<FoundForm | undefined> {
  const { forms } = await scanOneFrame(form.frame);
  const same = forms.find((f) => f.selector === form.selector);
  if (same) return same;
  const score = (f: FoundForm) => f.fields.filter((x) => handled.has(fieldKey(x))).length * 2 + f.fields.filter((x) => x.visible).length;
  return forms.filter((f) => f.kind === form.kind).sort((a, b) => score(b) - score(a))[0];
}

function fieldKey(field: FoundField): string {
  return field.optionSelectors?.[0] ?? field.selector;
}

function newRecord(field: FoundField, category: FieldRecord['category']): FieldRecord {
  return {
    selector: field.selector,
    tag: field.tag,
    type: field.type,
    name: field.name,
    id: field.id,
    label: field.label ?? field.groupLabel,
    placeholder: field.placeholder,
    autocomplete: field.autocomplete,
    required: field.required || undefined,
    category,
  };
}

async function shoot(page: Page, frame: Frame, selector: string, path: string): Promise<boolean> {
  // A group without a container of its own is the whole page: the viewport shows what was filled.
  if (selector === 'body') return page.screenshot({ path, timeout: 5000 }).then(() => true, () => false);
  try {
    await frame.locator(selector).first().screenshot({ path, timeout: 5000 });
    return true;
  } catch {
    return page.screenshot({ path, timeout: 5000 }).then(() => true, () => false);
  }
}
