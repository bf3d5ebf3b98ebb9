/**
 * Interpretation channels: an interpreter holds a pair of languages and speaks into one of them. At
 * most one interpreter is live in a channel at a time; two who share a pair hand over, as real booths do
 * every 20 to 30 minutes, by the incoming one going live, which takes the outgoing one off the air.
 */
import { LANGUAGES, type Language } from "../protocol/roles.ts";

/** An interpreter as the rules see them (the room state's `interpreterLanguages`, `interpreting`, `interpreterLive`). */
export interface Interpreter {
  readonly id: string;
  /** The pair they were assigned, e.g. `["nl", "fr"]`. */
  readonly languages: readonly string[];
  /** The language they interpret into, or "" before they chose one. */
  readonly interpreting: string;
  readonly live: boolean;
}

/** The pairs a facilitator offers: Dutch and French, and either of them with English. */
export const INTERPRETER_PAIRS: readonly (readonly [Language, Language])[] = [
  ["nl", "fr"],
  ["nl", "en"],
  ["fr", "en"],
];

export type ChannelRefusal = "invalid_language_pair" | "language_not_in_pair" | "no_channel_chosen";
export type ChannelCheck = { ok: true } | { ok: false; code: ChannelRefusal };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** A pair is two different languages of the hall's (nl and fr, or either of them and en). */
export function checkLanguagePair(languages: readonly string[]): ChannelCheck {
  const [a, b] = languages;
  if (languages.length !== 2 || a === undefined || b === undefined) return refusal("invalid_language_pair");
  if (!isLanguage(a) || !isLanguage(b) || a === b) return refusal("invalid_language_pair");
  return { ok: true };
}

/** Whether `interpreter` may speak into `language`: it must be one of their pair. */
export function checkInterpretInto(interpreter: Interpreter, language: string): ChannelCheck {
  return interpreter.languages.includes(language) ? { ok: true } : refusal("language_not_in_pair");
}

/** Whether `interpreter` may go live: only once they chose the language they interpret into. */
export function checkGoLive(interpreter: Interpreter): ChannelCheck {
  return interpreter.interpreting !== "" && interpreter.languages.includes(interpreter.interpreting)
    ? { ok: true }
    : refusal("no_channel_chosen");
}

/**
 * Whoever has to go off the air when `interpreter` is live into `language`: any other interpreter live
 * in that channel (the handover). Empty when the channel was free.
 */
export function displacedBy(
  interpreters: readonly Interpreter[],
  interpreterId: string,
  language: string,
): string[] {
  return interpreters
    .filter((other) => other.id !== interpreterId && other.live && other.interpreting === language)
    .map((other) => other.id);
}

/** The interpreter live into `language` now, if any. */
export function liveInterpreterFor(
  interpreters: readonly Interpreter[],
  language: string,
): string | undefined {
  return interpreters.find((interpreter) => interpreter.live && interpreter.interpreting === language)?.id;
}

/** The languages someone could listen in besides the original: those an assigned interpreter holds. */
export function interpretationChannels(interpreters: readonly Interpreter[]): Set<Language> {
  const channels = new Set<Language>();
  for (const interpreter of interpreters)
    for (const language of interpreter.languages) if (isLanguage(language)) channels.add(language);
  return channels;
}

function refusal(code: ChannelRefusal): ChannelCheck {
  return { ok: false, code };
}
