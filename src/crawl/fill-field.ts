import type { Frame, Locator, Page } from 'playwright';
import type { FieldRecord, TimelineAction } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { Persona } from '../persona/schema.js';
import type { FieldClass } from './classify-field.js';
import { fitValue } from './fit-value.js';
import { checkboxIntent } from './form-controls.js';
import type { FoundField } from './form-scan.js';
import { countryOption, genderOption, personaValue, regionOption } from './persona-value.js';

/** Where a field is and who is typing. */
export interface FieldContext {
  page: Page;
  frame: Frame;
  persona: Persona;
  timeline: Timeline;
  formId: string;
  pageUrl: string;
  /** Set when the form is in an iframe. */
  frameUrl?: string;
  /** Milliseconds between key presses. */
  keyDelay: number;
}

/** What a required field the persona has nothing for gets, so the form can still be sent. */
const NEUTRAL_TEXT = ['Test', '1', '12345', 'A'];
const ACTION_TIMEOUT = 4000;

/**
 * Fills one field the way a person does, recording each step in the timeline: text-like
 * inputs get focus, key-by-key typing (the value fitted to `pattern`/`maxlength`) and blur;
 * selects and radio groups get the persona's option (gender, country, region); checkboxes are
 * ticked only when required or when they accept terms — a marketing opt-in is left unticked.
 * Updates `record` with what was done (or why not).
 */
export async function fillField(field: FoundField, cls: FieldClass | null, ctx: FieldContext, record: FieldRecord): Promise<void> {
  const base: Omit<TimelineAction, 'seq' | 'at' | 'type'> = {
    pageUrl: ctx.pageUrl, formId: ctx.formId, selector: field.selector, category: cls?.category,
    ...(ctx.frameUrl ? { frameUrl: ctx.frameUrl } : {}),
  };
  try {
    if (field.type === 'checkbox') return await fillCheckbox(field, ctx, base, record);
    if (field.type === 'radio' || field.tag === 'select') return await fillChoice(field, cls, ctx, base, record);
    if (!cls) {
      record.skipped = 'unknown';
      if (field.required) await typeNeutral(field, ctx, base, record);
      return;
    }
    const raw = personaValue(ctx.persona, cls.personaField, field.type);
    if (raw === undefined) {
      record.skipped = 'no-persona-value';
      return;
    }
    const idCountry = cls.personaField.startsWith('nationalIds.') ? cls.personaField.slice('nationalIds.'.length) : undefined;
    const value = field.type === 'date' ? raw : fitValue(raw, cls.category, field, ctx.persona, idCountry);
    await typeInto(field, value, ctx, base);
    record.personaField = cls.personaField;
    record.value = value;
  } catch (error) {
    record.skipped = `error: ${firstLine(error)}`;
  }
}

async function typeInto(field: FoundField, value: string, ctx: FieldContext, base: Omit<TimelineAction, 'seq' | 'at' | 'type'>): Promise<void> {
  const locator = ctx.frame.locator(field.selector).first();
  ctx.timeline.add({ ...base, type: 'focus' });
  await focus(locator);
  // A prefilled field is replaced, as a person selects and overtypes it.
  if (field.value) await locator.selectText({ timeout: ACTION_TIMEOUT }).catch(() => undefined);
  ctx.timeline.add({ ...base, type: 'type' });
  if (field.type === 'date' || field.type === 'month' || field.type === 'time') await locator.fill(value, { timeout: ACTION_TIMEOUT });
  else await locator.pressSequentially(value, { delay: ctx.keyDelay, timeout: Math.max(ACTION_TIMEOUT, value.length * (ctx.keyDelay + 40)) });
  ctx.timeline.add({ ...base, type: 'blur' });
  await locator.evaluate((el) => (el as HTMLElement).blur());
}

/** A click, as a person focuses a field; a field under an overlay (an unanswered banner) is focused directly. */
async function focus(locator: Locator): Promise<void> {
  try {
    await locator.click({ timeout: 2500 });
  } catch {
    await locator.focus({ timeout: ACTION_TIMEOUT });
  }
}

async function typeNeutral(field: FoundField, ctx: FieldContext, base: Omit<TimelineAction, 'seq' | 'at' | 'type'>, record: FieldRecord): Promise<void> {
  if (!['text', 'number', 'textarea', ''].includes(field.type) || field.value) return;
  const fits = (v: string) => (!field.maxLength || v.length <= field.maxLength) && (!field.pattern || safeTest(field.pattern, v)) && (field.type !== 'number' || /^\d+$/.test(v));
  const value = NEUTRAL_TEXT.find(fits);
  if (!value) return;
  await typeInto(field, value, ctx, base);
  record.value = value;
}

async function fillCheckbox(field: FoundField, ctx: FieldContext, base: Omit<TimelineAction, 'seq' | 'at' | 'type'>, record: FieldRecord): Promise<void> {
  const words = [field.label, field.groupLabel, field.ariaLabel, field.name, field.id].filter(Boolean).join(' ');
  const intent = checkboxIntent(words);
  if (field.value) {
    record.value = 'checked';
    record.skipped = 'pre-ticked by the site';
    return;
  }
  if (!field.required && intent !== 'terms') {
    record.skipped = intent === 'marketing' ? 'marketing opt-in left unticked' : 'optional checkbox left unticked';
    return;
  }
  ctx.timeline.add({ ...base, type: 'click', detail: `ticked ${field.required ? 'required ' : ''}box "${words.slice(0, 80)}"` });
  await check(ctx.frame.locator(field.selector).first());
  record.value = 'checked';
}

async function fillChoice(field: FoundField, cls: FieldClass | null, ctx: FieldContext, base: Omit<TimelineAction, 'seq' | 'at' | 'type'>, record: FieldRecord): Promise<void> {
  const options = field.options ?? [];
  const category = cls?.category;
  let value =
    category === 'gender' ? genderOption(options, ctx.persona.gender)
    : category === 'country' ? countryOption(options, ctx.persona.country)
    : category === 'region' ? regionOption(options, ctx.persona.region)
    : undefined;
  const personaChoice = value !== undefined;
  if (value === undefined && field.required && !field.value) {
    // A required choice the persona has nothing for: the first real option, so the form can be sent.
    value = options.map((o) => o.split('\u0000')[0]!).find((v) => v !== '');
  }
  if (value === undefined) {
    record.skipped = cls ? 'no-matching-option' : 'unknown';
    return;
  }
  if (!personaChoice && cls) record.skipped = 'no-matching-option';
  if (field.type === 'radio') {
    const index = options.findIndex((o) => o.split('\u0000')[0] === value);
    const selector = field.optionSelectors?.[index] ?? field.selector;
    ctx.timeline.add({ ...base, selector, type: 'click', detail: `chose "${options[index]?.split('\u0000')[1] || value}"` });
    await check(ctx.frame.locator(selector).first());
  } else {
    const locator = ctx.frame.locator(field.selector).first();
    ctx.timeline.add({ ...base, type: 'focus' });
    await focus(locator);
    ctx.timeline.add({ ...base, type: 'type', detail: 'selected option' });
    await locator.selectOption(value, { timeout: ACTION_TIMEOUT });
    ctx.timeline.add({ ...base, type: 'blur' });
    await locator.evaluate((el) => (el as HTMLElement).blur());
  }
  if (personaChoice) record.personaField = cls!.personaField;
  record.value = value;
}

/** Ticks a checkbox or radio; one drawn as a styled label (the input itself invisible) gets a direct click. */
async function check(locator: Locator): Promise<void> {
  try {
    await locator.check({ timeout: 2500 });
  } catch {
    await locator.dispatchEvent('click');
  }
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'v').test(value);
  } catch {
    return true;
  }
}

/** The first line of an error message: what the evidence and the terminal show. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}
