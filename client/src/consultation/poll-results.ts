/**
 * A poll's results as bars, the same for the big screen, the overlay and the report page: votes per
 * option (single, multiple), ballots per value (scale) or Borda points per option (ranking).
 */
import { bordaScores, type PollKind } from "../../../shared/consultation/polls.ts";

/** What the results need from a poll: the room state's fields or the report's. */
export interface PollResultsSource {
  readonly kind: string;
  readonly options: readonly string[];
  readonly scaleMax: number;
  /** Flat counts as in the room state (ranking: `counts[option * n + rank]`); empty while hidden. */
  readonly counts: readonly number[];
}

export interface ResultBar {
  readonly label: string;
  readonly value: number;
}

/** The bars to draw, or none while the results are hidden. */
export function resultBars(poll: PollResultsSource): ResultBar[] {
  if (poll.counts.length === 0) return [];
  if (poll.kind === "scale")
    return Array.from({ length: poll.scaleMax }, (_, index) => ({
      label: String(index + 1),
      value: poll.counts[index] ?? 0,
    }));
  if (poll.kind === "ranking") {
    const spec = {
      question: "",
      kind: "ranking" as PollKind,
      options: poll.options,
      maxChoices: 1,
      scaleMax: 5,
      anonymous: true,
      reveal: "live" as const,
    };
    const points = bordaScores(spec, { ballots: 0, counts: poll.counts });
    return poll.options.map((label, index) => ({ label, value: points[index] ?? 0 }));
  }
  return poll.options.map((label, index) => ({ label, value: poll.counts[index] ?? 0 }));
}

/** Bar lengths from 0 to `max`, the longest bar reaching `max`; all zero when nothing was counted. */
export function barLengths(values: readonly number[], max: number): number[] {
  const top = Math.max(0, ...values);
  return values.map((value) => (top > 0 ? (Math.max(0, value) / top) * max : 0));
}

/** A share as a whole percentage of `total` (0 without a total). */
export function percentOf(value: number, total: number): number {
  return total > 0 ? Math.round((value / total) * 100) : 0;
}
