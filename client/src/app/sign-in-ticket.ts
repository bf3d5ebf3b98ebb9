/**
 * The one-use ticket a verified sign-in brings back in the join page's fragment (`#signin=<ticket>`).
 * It is read once at start-up and taken out of the address at once, so that it stays out of the
 * history, bookmarks and anything copied from the address bar.
 */
const found = /^#signin=([\w-]{16,256})$/.exec(window.location.hash)?.[1];
const foundOn = window.location.pathname;
if (window.location.hash.startsWith("#signin=")) {
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
}

/** The ticket this page was opened with, for the join page at `pathname`; undefined for any other page. */
export function signInTicketFor(pathname: string): string | undefined {
  return pathname === foundOn ? found : undefined;
}

/** Where the sign-in button sends the person: the server's start of the sign-in with the provider. */
export function signInStartPath(consultationId: string): string {
  return `/auth/oidc/start?consultationId=${encodeURIComponent(consultationId)}`;
}
