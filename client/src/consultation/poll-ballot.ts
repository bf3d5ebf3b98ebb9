/**
 * A ballot being filled in, shared by the overlay's poll card and the headset's poll page: the choices
 * so far, and whether the room acknowledged the last one. Both send it with `castBallot`, so there is one
 * way to the room; voting again replaces the ballot.
 */
import { useState } from "react";
import { castBallot } from "../net/consultation-requests.ts";
import { type PollView, useConsultation } from "../net/consultation-store.ts";
import { initialRanking } from "./ranking-order.ts";

/** `sending` while the room has not answered; `recorded` only once it said so; `refused` if it did not take it. */
export type BallotStage = "idle" | "sending" | "recorded" | "refused";

export interface PollBallot {
  readonly choices: readonly number[];
  readonly stage: BallotStage;
  /** The ballot the room acknowledged for this poll, if any. */
  readonly mine: readonly number[] | undefined;
  /** Changes the choices; the "recorded" (or "refused") note goes, as it was about the last ballot sent. */
  readonly change: (next: number[]) => void;
  /** Sends `choices` (by default the current ones) with `castBallot`. */
  readonly submit: (choices?: readonly number[]) => Promise<void>;
}

/** The ballot state of one poll; give the component `key={poll.id}` so a new poll starts afresh. */
export function usePollBallot(poll: PollView): PollBallot {
  const mine = useConsultation((state) => state.myBallots[poll.id]);
  const [choices, setChoices] = useState<readonly number[]>(() =>
    mine ? [...mine] : poll.kind === "ranking" ? initialRanking(poll.options.length) : [],
  );
  const [stage, setStage] = useState<BallotStage>(mine ? "recorded" : "idle");
  return {
    choices,
    stage,
    mine,
    change: (next) => {
      setChoices(next);
      if (stage === "recorded" || stage === "refused") setStage("idle");
    },
    submit: async (sent = choices) => {
      setChoices(sent);
      setStage("sending");
      const answer = await castBallot(poll.id, sent);
      setStage(answer.ok ? "recorded" : "refused");
    },
  };
}
