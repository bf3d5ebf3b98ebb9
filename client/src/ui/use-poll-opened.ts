import { useEffect } from "react";
import { selectActivePoll, useConsultation } from "../net/consultation-store.ts";

/** Calls `onOpened` each time a new poll opens (also one already open when the hall is entered). */
export function usePollOpened(onOpened: () => void): void {
  const openPollId = useConsultation((state) => {
    const poll = selectActivePoll(state);
    return poll?.status === "open" ? poll.id : undefined;
  });
  useEffect(() => {
    if (openPollId !== undefined) onOpened();
  }, [openPollId, onOpened]);
}
