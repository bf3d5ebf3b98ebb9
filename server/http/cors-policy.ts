/**
 * Cross-origin requests: closed unless configured. Plenum serves its own client, so no other site's
 * page needs to call the API from a browser. Colyseus adds CORS headers to every response of the
 * process (echoing any origin, with credentials); this replaces them with an allow-list.
 */
import { matchMaker } from "@colyseus/core";

export function corsHeadersFor(
  allowedOrigins: readonly string[],
  origin: string | null,
): Record<string, string> {
  if (origin === null || !allowedOrigins.includes(origin)) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "GET, POST",
    "Access-Control-Allow-Headers": "Content-Type, Authorization",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

/** Applies to the whole process: Colyseus keeps one matchmaking controller. */
export function applyCorsPolicy(allowedOrigins: readonly string[]): void {
  const defaults: Record<string, string> = matchMaker.controller.DEFAULT_CORS_HEADERS;
  for (const header of Object.keys(defaults)) delete defaults[header];
  matchMaker.controller.getCorsHeaders = (headers) => corsHeadersFor(allowedOrigins, headers.get("origin"));
}
