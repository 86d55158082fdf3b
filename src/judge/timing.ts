import type { CapturedRequest, TimelineAction } from '../evidence/schema.js';
import type { Finding } from './finding.js';

const TRIGGER_BY_ACTION: Partial<Record<TimelineAction['type'], Finding['trigger']>> = {
  navigate: 'page_load',
  consent: 'click',
  focus: 'input',
  type: 'input',
  blur: 'blur',
  click: 'click',
  submit: 'submit',
};

/**
 * The scanner action a request followed, as a trigger. The request's `afterAction` is the last
 * action started before the browser issued it, so a leak while typing reads `input`.
 */
export function triggerOf(request: CapturedRequest, timeline: readonly TimelineAction[]): Finding['trigger'] {
  if (request.afterAction === null) return 'page_load';
  const action = timeline.find((a) => a.seq === request.afterAction);
  return (action && TRIGGER_BY_ACTION[action.type]) ?? 'unknown';
}

/**
 * True when the request left before any submit click on its page: the data went out while the
 * visitor was still filling the form, i.e. even people who never sent it were affected.
 */
export function isBeforeSubmit(request: CapturedRequest, timeline: readonly TimelineAction[]): boolean {
  const submit = timeline.find(
    (a) => a.type === 'submit' && (request.pageUrl === undefined || a.pageUrl === request.pageUrl),
  );
  if (!submit) return true;
  return request.afterAction === null || request.afterAction < submit.seq;
}
