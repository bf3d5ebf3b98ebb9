/** Chart bars for the outcome report's polls: the report keeps ranking counts per option and rank, plus Borda points. */
import type { OutcomeReport } from "../../../shared/consultation/outcome-report.ts";
import type { ResultBar } from "./poll-results.ts";

export type ReportPoll = OutcomeReport["polls"][number];

/** Votes per option (single, multiple), ballots per value (scale) or Borda points per option (ranking). */
export function reportPollBars(poll: ReportPoll): ResultBar[] {
  if (poll.kind === "ranking")
    return poll.options.map((label, index) => ({ label, value: poll.bordaScores?.[index] ?? 0 }));
  const counts = poll.counts as readonly number[];
  if (poll.kind === "scale")
    return counts.map((value, index) => ({ label: String(index + 1), value: Number(value) || 0 }));
  return poll.options.map((label, index) => ({ label, value: Number(counts[index]) || 0 }));
}
