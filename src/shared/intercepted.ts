import type { Request } from 'playwright';

/**
 * Requests pixel-audit answered itself (the site's own form submission in intercept mode):
 * the crawler adds them, the recorder marks them as not delivered.
 */
export type InterceptedSet = WeakSet<Request>;
