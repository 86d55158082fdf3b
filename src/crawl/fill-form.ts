import type { BrowserContext, Page } from 'playwright';
import type { FieldRecord, FormRecord } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { Persona } from '../persona/schema.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import { classifyField } from './classify-field.js';
import type { FoundForm } from './form-scan.js';
import { interceptSiteSubmit } from './intercept.js';
import { countryOption, genderOption, personaValue } from './persona-value.js';
import { settle } from './settle.js';

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
}

const CHOICE_TYPES = new Set(['checkbox', 'radio']);

/**
 * Fills one form the way a person does — click into the field, type key by key, leave it —
 * recording each step in the timeline, then handles the submit control per `--submit`.
 */
export async function fillForm(form: FoundForm, formId: string, ctx: FillContext): Promise<FormRecord> {
  const { page, persona, timeline } = ctx;
  const pageUrl = page.url();
  const fields: FieldRecord[] = [];
  for (const field of form.fields) {
    const cls = classifyField(field, persona.country);
    const record: FieldRecord = {
      selector: field.selector,
      tag: field.tag,
      type: field.type,
      name: field.name,
      label: field.label,
      autocomplete: field.autocomplete,
      category: cls?.category ?? null,
    };
    fields.push(record);
    if (!field.visible) record.skipped = 'hidden';
    else if (field.disabled) record.skipped = 'disabled';
    else if (!cls) record.skipped = 'unknown';
    else if (CHOICE_TYPES.has(field.type)) record.skipped = 'choice';
    if (record.skipped || !cls) continue;
    const locator = page.locator(field.selector).first();
    try {
      const base = { pageUrl, formId, selector: field.selector, category: cls.category };
      if (field.tag === 'select') {
        const options = field.options ?? [];
        const value =
          cls.category === 'gender' ? genderOption(options, persona.gender)
          : cls.category === 'country' ? countryOption(options, persona.country)
          : undefined;
        if (value === undefined) {
          record.skipped = 'no-matching-option';
          continue;
        }
        timeline.add({ ...base, type: 'focus' });
        await locator.selectOption(value, { timeout: 5000 });
        timeline.add({ ...base, type: 'type', detail: 'selected option' });
      } else {
        const value = personaValue(persona, cls.personaField, field.type);
        if (value === undefined) {
          record.skipped = 'no-persona-value';
          continue;
        }
        timeline.add({ ...base, type: 'focus' });
        await locator.click({ timeout: 5000 });
        timeline.add({ ...base, type: 'type' });
        if (field.type === 'date') await locator.fill(value, { timeout: 5000 });
        else await page.keyboard.type(value, { delay: ctx.keyDelay ?? 10 });
      }
      timeline.add({ ...base, type: 'blur' });
      await locator.evaluate((el) => (el as HTMLElement).blur());
      record.personaField = cls.personaField;
    } catch (error) {
      record.skipped = `error: ${firstLine(error)}`;
    }
  }
  const screenshot = await shoot(page, form.selector, ctx.screenshot.path);
  const result: FormRecord = {
    id: formId,
    pageUrl,
    selector: form.selector,
    action: form.action,
    method: form.method,
    fields,
    submitSelector: form.submitSelector,
    submit: 'not-submitted',
    screenshot: screenshot ? ctx.screenshot.name : undefined,
  };
  if (!form.submitSelector) {
    result.submit = 'no-submit-control';
    return result;
  }
  if (ctx.submit === 'never') return result;
  const release = ctx.submit === 'intercept'
    ? await interceptSiteSubmit(ctx.context, ctx.siteHost, form.action, ctx.intercepted)
    : undefined;
  try {
    timeline.add({ type: 'submit', pageUrl, formId, selector: form.submitSelector });
    await page.locator(form.submitSelector).first().click({ timeout: 5000 });
    await settle(ctx.context, 800, 6000);
    result.submit = ctx.submit === 'intercept' ? 'intercepted' : 'sent';
  } catch (error) {
    result.error = `submit: ${firstLine(error)}`;
  } finally {
    await release?.();
  }
  return result;
}

async function shoot(page: Page, selector: string, path: string): Promise<boolean> {
  try {
    await page.locator(selector).first().screenshot({ path, timeout: 5000 });
    return true;
  } catch {
    try {
      await page.screenshot({ path, timeout: 5000 });
      return true;
    } catch {
      return false;
    }
  }
}

/** The first line of an error message: what the evidence and the terminal show. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}
