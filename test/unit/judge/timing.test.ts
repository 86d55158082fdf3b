import { describe, expect, it } from 'vitest';
import type { TimelineAction } from '../../../src/evidence/schema.js';
import { isBeforeSubmit, triggerOf } from '../../../src/judge/timing.js';
import { at, FORM_PAGE, request, TIMELINE } from '../../helpers/evidence-builder.js';

const after = (afterAction: number | null, pageUrl: string | undefined = FORM_PAGE) =>
  request({ id: 'r1', url: 'https://www.facebook.com/tr/', afterAction, pageUrl });

describe('triggerOf', () => {
  it.each([
    [null, 'page_load'],
    [0, 'page_load'],
    [1, 'input'],
    [2, 'input'],
    [3, 'blur'],
    [4, 'submit'],
    [99, 'unknown'],
  ] as const)('after action %s → %s', (seq, trigger) => {
    expect(triggerOf(after(seq), TIMELINE)).toBe(trigger);
  });

  it('reads consent and click as click, idle and error as unknown', () => {
    const timeline: TimelineAction[] = [
      { seq: 0, at: at(0), type: 'consent', pageUrl: FORM_PAGE },
      { seq: 1, at: at(1), type: 'click', pageUrl: FORM_PAGE },
      { seq: 2, at: at(2), type: 'idle', pageUrl: FORM_PAGE },
      { seq: 3, at: at(3), type: 'error', pageUrl: FORM_PAGE },
    ];
    expect([0, 1, 2, 3].map((seq) => triggerOf(after(seq), timeline))).toEqual(['click', 'click', 'unknown', 'unknown']);
  });
});

describe('isBeforeSubmit', () => {
  it('is true before the submit action of the page and false from it on', () => {
    expect([null, 0, 1, 2, 3, 4].map((seq) => isBeforeSubmit(after(seq), TIMELINE))).toEqual([true, true, true, true, true, false]);
  });

  it('is true when the page was never submitted', () => {
    expect(isBeforeSubmit(after(3), TIMELINE.slice(0, 4))).toBe(true);
  });

  it('only counts a submit on the request’s own page', () => {
    expect(isBeforeSubmit(after(4, 'https://www.example.se/other'), TIMELINE)).toBe(true);
    expect(isBeforeSubmit(after(4, undefined), TIMELINE)).toBe(false);
  });
});
