/**
 * Waits, through the pages' test hooks, for a ballot to be acknowledged to its voter and counted in the
 * facilitator's live results: the outcome every way of voting in the end-to-end tests has to reach.
 */
import type { Page } from "playwright-core";
import { waitUntil } from "./page-hook.ts";

/** Ballots travel through the room and back while SwiftShader draws the hall: allow half a minute. */
const BALLOT_TIMEOUT_MS = 30_000;

/** Waits until the room has acknowledged the voter's own ballot in `pollId` on `page` as exactly `choices`. */
export function waitForOwnBallot(
  page: Page,
  what: string,
  pollId: string,
  choices: readonly number[],
): Promise<void> {
  return waitUntil(
    page,
    what,
    `(h.consultation().myBallots[${JSON.stringify(pollId)}] ?? []).join() === ${JSON.stringify(choices.join())}`,
    BALLOT_TIMEOUT_MS,
  );
}

/**
 * Waits until `page` counts exactly one ballot in `pollId`, and, given `answer`, that one for `answer`
 * (a poll whose results stay hidden until the close shows the count of ballots alone).
 */
export function waitForOneBallot(page: Page, what: string, pollId: string, answer?: number): Promise<void> {
  const forAnswer = answer === undefined ? "" : ` && p.counts[${answer}] === 1`;
  return waitUntil(
    page,
    what,
    `h.consultation().polls.some(p => p.id === ${JSON.stringify(pollId)} && p.ballots === 1${forAnswer})`,
    BALLOT_TIMEOUT_MS,
  );
}
