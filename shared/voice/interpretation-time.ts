/**
 * How long each language had interpretation, for the outcome report. The clock belongs to the channel,
 * not to the interpreter: it runs while someone is live into that language, so a handover between two
 * interpreters of one channel is one continuous stretch, and it stops when the channel goes off the air
 * (the live interpreter stopped, left or lost their connection). Only durations are kept, never audio.
 */
import { LANGUAGES, type Language } from "../protocol/roles.ts";
import { type Interpreter, isLanguage } from "./interpreter-channels.ts";

/** Since when each channel on the air has been, in milliseconds; channels off the air are absent. */
export type ChannelClocks = ReadonlyMap<Language, number>;

/** A stretch of interpretation into `language` that ended, `ms` long. */
export interface ChannelTime {
  readonly language: Language;
  readonly ms: number;
}

/** The languages someone is live into among `interpreters` (those still connected, for the room). */
export function liveChannels(interpreters: readonly Interpreter[]): Set<Language> {
  const live = new Set<Language>();
  for (const interpreter of interpreters)
    if (interpreter.live && isLanguage(interpreter.interpreting)) live.add(interpreter.interpreting);
  return live;
}

/**
 * The clocks once the channels on the air are `live`, at `now`: a channel that came on starts its
 * clock, one that stays on keeps it (whoever is live in it), and one that went off ends its stretch.
 */
export function advanceClocks(
  clocks: ChannelClocks,
  live: ReadonlySet<Language>,
  now: number,
): { clocks: ChannelClocks; ended: ChannelTime[] } {
  const next = new Map<Language, number>();
  const ended: ChannelTime[] = [];
  for (const [language, since] of clocks) {
    if (live.has(language)) next.set(language, since);
    else ended.push({ language, ms: Math.max(0, now - since) });
  }
  for (const language of live) if (!next.has(language)) next.set(language, now);
  return { clocks: next, ended };
}

/** Minutes of interpretation per language (one decimal) from the stored stretches. */
export function interpretationMinutes(times: readonly ChannelTime[]): Record<Language, number> {
  const ms = Object.fromEntries(LANGUAGES.map((language) => [language, 0])) as Record<Language, number>;
  for (const time of times) ms[time.language] += time.ms;
  for (const language of LANGUAGES) ms[language] = Math.round(ms[language] / 6_000) / 10;
  return ms;
}
