/** The app's pages, chosen from the pathname; a tiny switch is all the routing it needs. */
import { useSyncExternalStore } from "react";
import { groupInvitationCode, normalizeJoinCode } from "../../../shared/protocol/join-code.ts";
import { TEST_MODE } from "./test-mode.ts";

export type Route =
  | { readonly page: "home" }
  | { readonly page: "join"; readonly joinCode: string }
  | { readonly page: "facilitator"; readonly facilitatorKey: string }
  | { readonly page: "invitation"; readonly invitationCode: string }
  | { readonly page: "console"; readonly consultationId: string }
  | { readonly page: "report"; readonly consultationId: string };

export function parseRoute(pathname: string): Route {
  const console = /^\/c\/([^/]+)\/console\/?$/.exec(pathname);
  if (console?.[1]) return { page: "console", consultationId: decodeURIComponent(console[1]) };
  const report = /^\/c\/([^/]+)\/report\/?$/.exec(pathname);
  if (report?.[1]) return { page: "report", consultationId: decodeURIComponent(report[1]) };
  const match = /^\/([jfi])\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[2]) return { page: "home" };
  const value = decodeURIComponent(match[2]);
  if (match[1] === "i")
    return { page: "invitation", invitationCode: groupInvitationCode(normalizeJoinCode(value)) };
  // Links get typed by hand too: /j/kx7-m3p opens the same consultation as /j/KX7M3P.
  return match[1] === "j"
    ? { page: "join", joinCode: normalizeJoinCode(value) }
    : { page: "facilitator", facilitatorKey: value };
}

export function joinPath(joinCode: string): string {
  return `/j/${encodeURIComponent(joinCode)}`;
}

export function facilitatorPath(facilitatorKey: string): string {
  return `/f/${encodeURIComponent(facilitatorKey)}`;
}

/** The facilitator console for a second screen; it uses the session this browser entered with. */
export function consolePath(consultationId: string): string {
  return `/c/${encodeURIComponent(consultationId)}/console`;
}

/** The printable outcome report of a closed consultation. */
export function reportPath(consultationId: string): string {
  return `/c/${encodeURIComponent(consultationId)}/report`;
}

/** Moves to another page without a reload, keeping the test flag so a test session stays one. */
export function navigate(path: string): void {
  window.history.pushState(null, "", TEST_MODE ? `${path}?test=1` : path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

function currentPathname(): string {
  return window.location.pathname;
}

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentPathname));
}
