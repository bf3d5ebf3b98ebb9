/**
 * Everyone who came to the consultation, present or not, as the room's `people` request lists them for
 * facilitators. Asked again whenever someone arrives, leaves or changes role, and after an action.
 */
import { useCallback, useEffect, useState } from "react";
import type { PersonEntry } from "../../../../shared/protocol/room-messages.ts";
import { fetchPeople } from "../../net/facilitator-actions.ts";
import { useHallStore } from "../../net/hall-store.ts";

export type PeopleState =
  | { readonly stage: "loading" }
  | { readonly stage: "ready"; readonly people: readonly PersonEntry[] }
  | { readonly stage: "failed"; readonly code: string; readonly message: string };

export function usePeople(): { readonly people: PeopleState; readonly refresh: () => void } {
  const [people, setPeople] = useState<PeopleState>({ stage: "loading" });
  const [asked, setAsked] = useState(0);
  // Who is in the hall, and in which role: when it changes, so may the list.
  const presence = useHallStore((state) =>
    state.participants.map((participant) => `${participant.id}:${participant.role}`).join(" "),
  );
  useEffect(() => {
    let current = true;
    void asked;
    void presence;
    void fetchPeople().then((answer) => {
      if (!current) return;
      setPeople(
        answer.ok
          ? { stage: "ready", people: answer.people }
          : { stage: "failed", code: answer.error.code, message: answer.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [asked, presence]);
  // A removal or demotion is a plain message: ask again once the room has had a moment to run it.
  const refresh = useCallback(() => {
    setTimeout(() => setAsked((value) => value + 1), 300);
  }, []);
  return { people, refresh };
}
