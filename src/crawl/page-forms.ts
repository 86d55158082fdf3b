import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import type { FormRecord, PageRecord } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { Persona } from '../persona/schema.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import { classifyField } from './classify-field.js';
import { fillForm } from './fill-form.js';
import { pickControls } from './form-controls.js';
import { findForms, type FoundForm } from './form-scan.js';
import type { TrackerPredicate } from './intercept.js';
import type { PageGuard } from './page-guard.js';
import { phases } from './phase-clock.js';

/** Forms filled per page; the rest is recorded as truncated. */
export const MAX_FORMS_PER_PAGE = 6;

/** What filling a page's forms needs from the crawl. */
export interface PageFormsEnv {
  context: BrowserContext;
  persona: Persona;
  timeline: Timeline;
  intercepted: InterceptedSet;
  submit: 'never' | 'intercept' | 'always';
  siteHost: string;
  /** Where page events (truncation) are recorded; only its `add` is used. */
  guard: Pick<PageGuard, 'add'>;
  deadline: number;
  /** See `CrawlOptions.isTrackerRequest`. */
  isTrackerRequest?: TrackerPredicate;
  screenshotDir: { path: string; name: string };
  /** Every form filled so far, in order; ids are `f1`, `f2`… across the site. */
  forms: FormRecord[];
  /** Signatures of forms already filled on an earlier page (a footer newsletter is filled once). */
  filled: Set<string>;
  /** Reloads the page for the next form (the previous submit may have changed it); false when it failed. */
  reload: () => Promise<boolean>;
}

/**
 * Finds the page's forms in every frame and open shadow root and fills each that asks for
 * something the persona has (or leads to a next step), one per fresh load of the page.
 */
export async function fillPageForms(page: Page, record: PageRecord, env: PageFormsEnv): Promise<void> {
  const found = await phases.time('find forms', () => findForms(page));
  if (found.truncated) env.guard.add('truncated', 'more frames, forms or fields than the scan takes from one page');
  const candidates = found.forms.filter((f) => worthFilling(f, env.persona.country) && !env.filled.has(signature(f)));
  if (candidates.length > MAX_FORMS_PER_PAGE) env.guard.add('truncated', `${candidates.length} forms; the first ${MAX_FORMS_PER_PAGE} were filled`);
  let dirty = false;
  for (const candidate of candidates.slice(0, MAX_FORMS_PER_PAGE)) {
    if (Date.now() > env.deadline) return;
    let form: FoundForm | undefined = candidate;
    if (dirty) {
      if (!(await env.reload())) return;
      const again = await phases.time('find forms', () => findForms(page));
      form = again.forms.find((f) => f.frame.url() === candidate.frame.url() && f.selector === candidate.selector)
        ?? again.forms.find((f) => signature(f) === signature(candidate));
      if (!form) continue;
    }
    env.filled.add(signature(candidate));
    const formId = `f${env.forms.length + 1}`;
    record.formIds.push(formId);
    const shot = { path: join(env.screenshotDir.path, `${formId}.png`), name: `${env.screenshotDir.name}/${formId}.png` };
    env.forms.push(await fillForm(form, formId, {
      context: env.context, page, persona: env.persona, timeline: env.timeline, intercepted: env.intercepted,
      submit: env.submit, siteHost: env.siteHost, screenshot: shot, deadline: env.deadline, isTrackerRequest: env.isTrackerRequest,
    }));
    dirty = true;
  }
}

/** A form worth a person's time: a visible field the persona can fill, or the first step of a wizard. */
function worthFilling(form: FoundForm, country: string): boolean {
  const fillable = form.fields.some((f) => f.visible && f.type !== 'checkbox' && classifyField(f, country) !== null);
  return fillable || pickControls(form.buttons, form.kind).next !== undefined && form.fields.some((f) => f.visible);
}

/** The same form on another page: same frame document, kind, place and field names. */
function signature(form: FoundForm): string {
  let where = form.frame.url();
  try {
    const url = new URL(where);
    where = form.frame.parentFrame() ? `${url.origin}${url.pathname}` : 'top';
  } catch {
    // about:srcdoc and the like: keep as is
  }
  return [where, form.kind, form.selector, form.fields.map((f) => f.name ?? f.id ?? f.type).join(',')].join('|');
}
