// One hash router for the tenant's pages and the operator's: a page that needs a session is shown only with one, a
// 401 from the server (the session ended) leads to the sign-in page, and a 404 shows "Not found" (another tenant's
// message, audience or webhook is as unknown as one that never was).
import { ApiError } from "./api.js";
import { alert, el, show } from "./dom.js";

/**
 * Shows the first of `routes` ([pattern, page, needsSession]) that matches `hash`. `signedIn()` says whether a session
 * is there; `ended()` forgets it when the server says it has ended; `signIn` and `home` are the pages to go to without
 * a session and when nothing matches.
 */
export async function dispatch(routes, hash, { signedIn, ended, signIn, home }) {
  for (const [pattern, page, needsSession] of routes) {
    const match = pattern.exec(hash);
    if (!match) continue;
    if (needsSession && !signedIn()) {
      location.hash = signIn;
      return;
    }
    try {
      await page(...match.slice(1));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        ended();
        location.hash = signIn;
      } else if (error instanceof ApiError && error.status === 404) {
        show(el("h1", {}, "Not found"), el("p", {}, "There is nothing at this address."));
      } else {
        show(el("h1", {}, "Something went wrong"), alert(error.message));
      }
    }
    return;
  }
  location.hash = signedIn() ? home : signIn;
}
