import { describe, expect, it } from 'vitest';
import { timelineActionSchema } from '../../../src/evidence/schema.js';
import { Timeline } from '../../../src/evidence/timeline.js';

describe('Timeline', () => {
  it('starts empty with no current position', () => {
    const timeline = new Timeline();
    expect(timeline.current()).toBeNull();
    expect(timeline.list()).toEqual([]);
  });

  it('numbers actions from 0 and stamps them with UTC times', () => {
    const timeline = new Timeline();
    const before = Date.now();
    expect(timeline.add({ type: 'navigate', pageUrl: 'https://www.example.se/' })).toBe(0);
    expect(timeline.add({ type: 'type', pageUrl: 'https://www.example.se/', formId: 'f1', selector: '#epost', category: 'email' })).toBe(1);
    expect(timeline.current()).toBe(1);
    const [first, second] = timeline.list();
    expect(first).toMatchObject({ seq: 0, type: 'navigate' });
    expect(second).toMatchObject({ seq: 1, type: 'type', formId: 'f1', category: 'email' });
    for (const action of timeline.list()) {
      expect(action.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(action.at)).toBeGreaterThanOrEqual(before - 1);
      expect(() => timelineActionSchema.parse(action)).not.toThrow();
    }
  });

  it('hands out a copy, so callers cannot rewrite history', () => {
    const timeline = new Timeline();
    timeline.add({ type: 'navigate', pageUrl: 'https://www.example.se/' });
    timeline.list().push({ seq: 9, at: new Date().toISOString(), type: 'submit', pageUrl: 'x' });
    expect(timeline.list()).toHaveLength(1);
    expect(timeline.current()).toBe(0);
  });
});
