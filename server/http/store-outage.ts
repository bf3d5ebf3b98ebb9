/**
 * While the store cannot be reached, the door and the hall's entrance say so: HTTP routes answer 503
 * `service_unavailable`, and so does matchmaking, whose checks (`onAuth`, a new room's `onCreate`) read
 * the store. Colyseus turns a matchmaking error's numeric code into the HTTP status; the store's error
 * carries the stable text code, so it is translated here.
 */
import { matchMaker, ServerError } from "@colyseus/core";
import { StoreUnavailableError } from "../store/store-unavailable.ts";
import { ApiError } from "./api-error.ts";

/** Colyseus re-throws a room's `onCreate` failure as its own error, keeping the code and the message. */
function unavailableMessage(error: unknown): string | undefined {
  if (error instanceof StoreUnavailableError) return error.message;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "service_unavailable" && typeof message === "string" ? message : undefined;
}

/** The refusal to answer with, for a route that failed because the store is unavailable. */
export function storeOutageRefusal(error: unknown): ApiError | undefined {
  const message = unavailableMessage(error);
  return message === undefined ? undefined : new ApiError(503, "service_unavailable", message);
}

/** Wraps matchmaking; returns the function that unwraps it (at shutdown). */
export function refuseJoinsWhileStoreUnavailable(): () => void {
  const invokeMethod = matchMaker.controller.invokeMethod;
  matchMaker.controller.invokeMethod = async function (...args) {
    try {
      return await invokeMethod.apply(this, args);
    } catch (error) {
      const message = unavailableMessage(error);
      if (message === undefined) throw error;
      throw new ServerError(503, `service_unavailable: ${message}`);
    }
  };
  return () => {
    matchMaker.controller.invokeMethod = invokeMethod;
  };
}
