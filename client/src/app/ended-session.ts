/**
 * The hall's and the console's side of kept sessions (saved-sessions.ts): a session the room ended for
 * good is forgotten. Apart from saved-sessions.ts, which the door pages load, because it reads the
 * room connection's state, which belongs to the hall's code.
 */
import { useEffect } from "react";
import { useHallStore } from "../net/hall-store.ts";
import { FINAL_JOIN_FAILURES } from "../net/rejoin-policy.ts";
import { forgetSession } from "./saved-sessions.ts";

/** While mounted: forgets the kept session of `consultationId` once the room says it is over for good. */
export function useForgetEndedSession(consultationId: string): void {
  useEffect(
    () =>
      useHallStore.subscribe((state) => {
        if (state.status === "failed" && FINAL_JOIN_FAILURES.has(state.failure?.code ?? ""))
          forgetSession(consultationId);
      }),
    [consultationId],
  );
}
