import type { BrowserContext, Request, Route } from 'playwright';
import { hostOf, isSameParty } from '../shared/party.js';
import type { InterceptedSet } from '../shared/intercepted.js';

/** Tells a tracker's collection request (method, URL, body) from the site's own. */
export type TrackerPredicate = (method: string, url: string, body: string | undefined) => boolean;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * How long the site's own submit request is held before its 204: about a fast server's round
 * trip, so the site's script sees a response after the requests the click started, as it would.
 * Playwright's click waits while a navigation it started is held, so every millisecond here is
 * paid per submit: 250 ms made a submit click take ≈ 300 ms instead of ≈ 100 ms (bench:scan).
 */
export const SUBMIT_HOLD_MS = 50;

/**
 * While a submit is clicked in intercept mode, answers the *site's own* form request locally:
 * a POST/PUT/PATCH to the site's registrable domain (or the form's action host), or a GET
 * navigation carrying the form's query. The host of the form's own frame counts as the site's
 * (a booking widget in an iframe posts to its vendor on the site's behalf). Other third-party
 * requests are never touched — the Meta
 * Pixel itself sends long events as a hidden-iframe form POST (DESIGN §6). The answer is an
 * empty 204 after a short hold, not an abort: an abort can cancel tracker requests started by
 * the same click, and a 204 leaves the page as it was, as after a quiet real submit.
 */
export async function interceptSiteSubmit(
  context: BrowserContext,
  siteHost: string,
  actionUrl: string | undefined,
  intercepted: InterceptedSet,
  holdMs = SUBMIT_HOLD_MS,
  frameHost?: string,
  isTrackerRequest?: TrackerPredicate,
): Promise<() => Promise<void>> {
  const actionHost = actionUrl ? hostOf(actionUrl) : undefined;
  const handler = async (route: Route, request: Request): Promise<void> => {
    const host = hostOf(request.url());
    const ours = host !== undefined && (isSameParty(host, siteHost) || host === actionHost || host === frameHost);
    const isFormGet =
      request.method() === 'GET' && request.isNavigationRequest() && new URL(request.url()).search.length > 1 &&
      (!actionUrl || request.url().split('?')[0] === actionUrl.split('?')[0]);
    const tracker = ours && isTrackerRequest?.(request.method(), request.url(), request.postData() ?? undefined);
    if (ours && !tracker && (WRITE_METHODS.has(request.method()) || isFormGet)) {
      intercepted.add(request);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      await route.fulfill({ status: 204, body: '' }).catch(() => undefined);
      return;
    }
    await route.fallback().catch(() => undefined);
  };
  await context.route('**/*', handler);
  return () => context.unroute('**/*', handler).catch(() => undefined);
}
