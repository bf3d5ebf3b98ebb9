/**
 * Polls: single choice, multiple choice (at most k), scale (1 to 5 or 1 to 10) and ranking. A ballot is
 * a list of numbers whose meaning depends on the kind; one ballot per participant, and voting again
 * before the poll closes replaces the earlier ballot. Results are counts only.
 */

export const POLL_KINDS = ["single", "multiple", "scale", "ranking"] as const;
export type PollKind = (typeof POLL_KINDS)[number];
/** `live`: results are shown while the poll is open; `at_close`: only once it closes. */
export const POLL_REVEALS = ["live", "at_close"] as const;
export type PollReveal = (typeof POLL_REVEALS)[number];
export const POLL_STATUSES = ["draft", "open", "closed"] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const POLL_QUESTION_MAX = 200;
export const POLL_OPTION_MAX = 100;
export const POLL_MAX_OPTIONS = 12;
export const SCALE_MAXIMA = [5, 10] as const;

export interface PollSpec {
  readonly question: string;
  readonly kind: PollKind;
  /** Answer options; empty for a scale. */
  readonly options: readonly string[];
  /** Multiple choice: the most options one ballot may tick. */
  readonly maxChoices: number;
  /** Scale: 5 or 10. */
  readonly scaleMax: number;
  readonly anonymous: boolean;
  readonly reveal: PollReveal;
}

export interface Poll extends PollSpec {
  readonly id: string;
  readonly status: PollStatus;
}

/**
 * A ballot: single `[option]`; multiple `[option, ...]` (distinct, 1 to maxChoices); scale `[value]`
 * (1 to scaleMax); ranking every option index exactly once, most preferred first.
 */
export type Ballot = readonly number[];

export type PollSpecRefusal = "invalid_poll";
export type BallotRefusal = "invalid_ballot" | "poll_not_open";

function isIndex(value: number, length: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < length;
}

/** Whether a poll definition makes sense for its kind (option texts are checked by the caller). */
export function checkPollSpec(spec: PollSpec): { ok: true } | { ok: false; code: PollSpecRefusal } {
  const n = spec.options.length;
  const valid =
    spec.kind === "scale"
      ? n === 0 && (SCALE_MAXIMA as readonly number[]).includes(spec.scaleMax)
      : n >= 2 &&
        n <= POLL_MAX_OPTIONS &&
        new Set(spec.options).size === n &&
        (spec.kind !== "multiple" ||
          (Number.isInteger(spec.maxChoices) && spec.maxChoices >= 1 && spec.maxChoices <= n));
  return valid ? { ok: true } : { ok: false, code: "invalid_poll" };
}

/** Whether `ballot` is a valid answer to `poll`. */
export function isValidBallot(poll: PollSpec, ballot: Ballot): boolean {
  const n = poll.options.length;
  switch (poll.kind) {
    case "single":
      return ballot.length === 1 && isIndex(ballot[0] as number, n);
    case "multiple":
      return (
        ballot.length >= 1 &&
        ballot.length <= poll.maxChoices &&
        ballot.every((choice) => isIndex(choice, n)) &&
        new Set(ballot).size === ballot.length
      );
    case "scale": {
      const value = ballot[0] as number;
      return ballot.length === 1 && Number.isInteger(value) && value >= 1 && value <= poll.scaleMax;
    }
    case "ranking":
      return (
        ballot.length === n && ballot.every((choice) => isIndex(choice, n)) && new Set(ballot).size === n
      );
  }
}

/** May this ballot be cast now? (The voter's role is checked against the permission table first.) */
export function checkBallot(poll: Poll, ballot: Ballot): { ok: true } | { ok: false; code: BallotRefusal } {
  if (poll.status !== "open") return { ok: false, code: "poll_not_open" };
  if (!isValidBallot(poll, ballot)) return { ok: false, code: "invalid_ballot" };
  return { ok: true };
}

/**
 * Counts only. single and multiple: ballots per option. scale: ballots per value (index 0 is the value 1).
 * ranking: `counts[option * n + rank]`, how many put that option at that rank (0 = first).
 */
export interface PollTally {
  readonly ballots: number;
  readonly counts: readonly number[];
}

export function tallyBallots(poll: PollSpec, ballots: Iterable<Ballot>): PollTally {
  const n = poll.options.length;
  const size = poll.kind === "scale" ? poll.scaleMax : poll.kind === "ranking" ? n * n : n;
  const counts = new Array<number>(size).fill(0);
  let total = 0;
  for (const ballot of ballots) {
    if (!isValidBallot(poll, ballot)) continue;
    total += 1;
    if (poll.kind === "scale")
      counts[(ballot[0] as number) - 1] = (counts[(ballot[0] as number) - 1] ?? 0) + 1;
    else if (poll.kind === "ranking")
      ballot.forEach((option, rank) => {
        counts[option * n + rank] = (counts[option * n + rank] ?? 0) + 1;
      });
    else for (const option of ballot) counts[option] = (counts[option] ?? 0) + 1;
  }
  return { ballots: total, counts };
}

/**
 * The tally after one voter's ballot: `previous` (their earlier ballot, if any) comes out, `next` goes
 * in. The same counts `tallyBallots` gives for the ballots as they are now, without holding them.
 */
export function reviseTally(
  poll: PollSpec,
  tally: PollTally,
  previous: Ballot | undefined,
  next: Ballot,
): PollTally {
  const out = tallyBallots(poll, [next]);
  const gone = previous === undefined ? undefined : tallyBallots(poll, [previous]);
  const size = out.counts.length;
  return {
    ballots: tally.ballots + out.ballots - (gone?.ballots ?? 0),
    counts: Array.from(
      { length: size },
      (_, i) => (tally.counts[i] ?? 0) + (out.counts[i] ?? 0) - (gone?.counts[i] ?? 0),
    ),
  };
}

/** Ranking: Borda points per option (n - 1 for a first place down to 0 for the last). */
export function bordaScores(poll: PollSpec, tally: PollTally): number[] {
  const n = poll.options.length;
  return poll.options.map((_option, option) => {
    let points = 0;
    for (let rank = 0; rank < n; rank++) points += (tally.counts[option * n + rank] ?? 0) * (n - 1 - rank);
    return points;
  });
}

/** Scale: the mean value, or undefined without ballots. */
export function scaleMean(tally: PollTally): number | undefined {
  if (tally.ballots === 0) return undefined;
  const sum = tally.counts.reduce((acc, count, index) => acc + count * (index + 1), 0);
  return sum / tally.ballots;
}

/** Whether everyone may see the results now. */
export function resultsVisible(poll: Poll): boolean {
  return poll.status === "closed" || (poll.status === "open" && poll.reveal === "live");
}

export type PollMoveRefusal = "poll_not_open" | "poll_already_open" | "poll_closed";

/** Opens a draft poll; an open or closed one is refused. */
export function openPoll(poll: Poll): { ok: true; poll: Poll } | { ok: false; code: PollMoveRefusal } {
  if (poll.status === "open") return { ok: false, code: "poll_already_open" };
  if (poll.status === "closed") return { ok: false, code: "poll_closed" };
  return { ok: true, poll: { ...poll, status: "open" } };
}

/** Closes an open poll: ballots stop, results are revealed. */
export function closePoll(poll: Poll): { ok: true; poll: Poll } | { ok: false; code: PollMoveRefusal } {
  if (poll.status !== "open") return { ok: false, code: "poll_not_open" };
  return { ok: true, poll: { ...poll, status: "closed" } };
}
