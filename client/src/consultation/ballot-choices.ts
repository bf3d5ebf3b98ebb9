/** What a voter can do with a poll, for the overlay's poll card and the headset's poll page alike. */
import type { PollKind, PollReveal, PollSpec } from "../../../shared/consultation/polls.ts";
import type { MessageKey, MessageParams } from "../../../shared/i18n/index.ts";
import type { PollView } from "../net/consultation-store.ts";

/** The poll's definition as the shared ballot rules read it. */
export function pollSpecOf(poll: PollView): PollSpec {
  return {
    question: poll.question,
    kind: poll.kind as PollKind,
    options: poll.options,
    maxChoices: poll.maxChoices,
    scaleMax: poll.scaleMax,
    anonymous: poll.anonymous,
    reveal: poll.reveal as PollReveal,
  };
}

/** Multiple choice: ticks `value`, or unticks it; a tick beyond `max` answers is ignored. */
export function toggleChoice(choices: readonly number[], value: number, max: number): number[] {
  if (choices.includes(value)) return choices.filter((choice) => choice !== value);
  return choices.length >= max ? [...choices] : [...choices, value];
}

/** What a voter picks from: the options (their indexes), or the values 1 to scaleMax of a scale. */
export function ballotChoices(poll: PollView): { readonly label: string; readonly value: number }[] {
  return poll.kind === "scale"
    ? Array.from({ length: poll.scaleMax }, (_, index) => ({ label: String(index + 1), value: index + 1 }))
    : poll.options.map((label, index) => ({ label, value: index }));
}

/** The line telling the voter what to do, as a message key and its parameters. */
export function ballotHint(poll: PollView): { readonly key: MessageKey; readonly params?: MessageParams } {
  if (poll.kind === "single") return { key: "poll.chooseOne" };
  if (poll.kind === "multiple") return { key: "poll.chooseUpTo", params: { max: poll.maxChoices } };
  if (poll.kind === "scale") return { key: "poll.scaleHint", params: { max: poll.scaleMax } };
  return { key: "poll.rankHint" };
}

/**
 * The ballot that pointing at answer row `row` of the big screen sends: that answer alone (single
 * choice, scale), or one's acknowledged ballot with it ticked or unticked (multiple choice). Undefined
 * where a press does not make a ballot: a ranking (put in order on the hand menu or the card), a
 * multiple choice that would be left empty or already holds the most answers, or no such row.
 */
export function pointedBallot(
  poll: PollView,
  mine: readonly number[] | undefined,
  row: number,
): number[] | undefined {
  const value = ballotChoices(poll)[row]?.value;
  if (value === undefined || poll.kind === "ranking") return undefined;
  if (poll.kind !== "multiple") return [value];
  const before = mine ?? [];
  const next = toggleChoice(before, value, poll.maxChoices);
  return next.length === 0 || next.length === before.length ? undefined : next;
}
