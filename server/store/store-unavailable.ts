/**
 * The store could not be reached, or did not answer in time: whatever the caller was doing was not
 * stored. It carries the stable code the room and the HTTP API answer with (`service_unavailable`, 503),
 * so that the person is told to try again instead of being told it worked.
 */
export class StoreUnavailableError extends Error {
  readonly code = "service_unavailable";
  readonly status = 503;
  constructor(reason: "unreachable" | "timeout", options?: ErrorOptions) {
    super(
      reason === "timeout"
        ? "The database did not answer in time, so this was not saved. Please try again in a moment."
        : "The database cannot be reached at the moment, so this was not saved. Please try again in a moment.",
      options,
    );
    this.name = "StoreUnavailableError";
  }
}
