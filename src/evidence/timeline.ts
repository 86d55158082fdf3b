import type { TimelineAction } from './schema.js';

/**
 * The site's action timeline. The crawler appends what it does; the request recorder asks
 * for the current position so every request points at the action that preceded it.
 */
export class Timeline {
  private readonly actions: TimelineAction[] = [];
  private readonly listeners: Array<(action: TimelineAction) => void> = [];

  /** Appends an action stamped now (UTC) and returns its sequence number. */
  add(action: Omit<TimelineAction, 'seq' | 'at'>): number {
    const seq = this.actions.length;
    const entry = { seq, at: new Date().toISOString(), ...action };
    this.actions.push(entry);
    for (const listener of this.listeners) listener(entry);
    return seq;
  }

  /**
   * Calls `listener` with each action as it is added, before the crawler performs it: capture
   * reads the browser's stored state then, while the page that wrote it is still there.
   */
  onAction(listener: (action: TimelineAction) => void): void {
    this.listeners.push(listener);
  }

  /** Sequence number of the last action, or null before the first. */
  current(): number | null {
    return this.actions.length ? this.actions.length - 1 : null;
  }

  list(): TimelineAction[] {
    return [...this.actions];
  }
}
