/**
 * What a matchmaking refusal says while the hall cannot be served for a while: while Redis is
 * unreachable (server/rooms/redis-outage.ts) or while this process shuts down (matchmaking-gate.ts).
 */

export const UNAVAILABLE_MESSAGE =
  "The hall cannot be reached at the moment. Please try again in a little while.";

/** As matchmaking refusals read: the stable code, then the explanation (the client reads the code off the front). */
export const MATCHMAKING_UNAVAILABLE = `service_unavailable: ${UNAVAILABLE_MESSAGE}`;
