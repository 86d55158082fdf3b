import type { TimelineAction } from './schema.js';

/**
 * The site's action timeline. The crawler appends what it does; the request recorder asks
 * for the current position so every request points at the action that preceded it.
 */
export class Timeline {
  private readonly actions: TimelineAction[] = [];

  /** Appends an action stamped now (UTC) and returns its sequence number. */
  add(action: Omit<TimelineAction, 'seq' | 'at'>): number {
    const seq = this.actions.length;
    this.actions.push({ seq, at: new Date().toISOString(), ...action });
    return seq;
  }

  /** Sequence number of the last action, or null before the first. */
  current(): number | null {
    return this.actions.length ? this.actions.length - 1 : null;
  }

  list(): TimelineAction[] {
    return [...this.actions];
  }
}
