/**
 * What a listener hears for their choice of "original" or a language. With a language chosen and an
 * interpreter live in it, that interpreter plays hall-wide at PA level, not spatialised, and the floor
 * holder's own voice is ducked by 15 dB, still audible, as in a parliament's headset; voices near the
 * listener stay as they are. An interpreter is heard by nobody else, and never in space. The choice
 * stays on the listener's device: nothing here is sent anywhere.
 */
import type { Language } from "../protocol/roles.ts";
import {
  type Interpreter,
  interpretationChannels,
  isLanguage,
  liveInterpreterFor,
} from "./interpreter-channels.ts";
import { FLOOR_PA_GAIN } from "./spatial-math.ts";

export const ORIGINAL = "original";
/** What a listener hears: the hall as it sounds, or one language's interpretation. */
export type ListenerChoice = typeof ORIGINAL | Language;
export const LISTENER_CHOICES: readonly ListenerChoice[] = [ORIGINAL, "en", "nl", "fr"];

/** How far the floor's original voice is turned down under an interpretation, in decibels. */
export const FLOOR_DUCKING_DB = -15;

export function decibelsToGain(decibels: number): number {
  return 10 ** (decibels / 20);
}

/** About 0.18: the floor's original voice under an interpretation. */
export const FLOOR_DUCKED_GAIN = decibelsToGain(FLOOR_DUCKING_DB);

export function isListenerChoice(value: unknown): value is ListenerChoice {
  return value === ORIGINAL || (typeof value === "string" && isLanguage(value));
}

/** A remote voice as routing sees it. */
export interface RoutedSpeaker {
  readonly id: string;
  readonly hasFloor: boolean;
  /** Holds the interpreter role: their microphone goes into a channel, never into the hall. */
  readonly interpreter: boolean;
}

/** A voice's two paths for one listener: a factor on its spatial (distance) gain, and its PA level. */
export interface VoiceRoute {
  readonly spatial: number;
  readonly pa: number;
}

/**
 * The two paths of a voice for this listener: `spatial`, a factor on its distance gain, and `pa`, its
 * hall-wide level. `liveInterpreterId` is the interpreter live in the listener's chosen language
 * (undefined on "original", or while nobody is live in it: the listener then hears the hall as it is).
 */
export function routeVoice(speaker: RoutedSpeaker, liveInterpreterId: string | undefined): VoiceRoute {
  if (speaker.interpreter)
    return speaker.id === liveInterpreterId ? { spatial: 0, pa: FLOOR_PA_GAIN } : { spatial: 0, pa: 0 };
  if (!speaker.hasFloor) return { spatial: 1, pa: 0 };
  const duck = liveInterpreterId === undefined ? 1 : FLOOR_DUCKED_GAIN;
  return { spatial: duck, pa: FLOOR_PA_GAIN * duck };
}

/** The interpreter this listener hears now: the one live in their chosen language, if any. */
export function channelFor(choice: ListenerChoice, interpreters: readonly Interpreter[]): string | undefined {
  return choice === ORIGINAL ? undefined : liveInterpreterFor(interpreters, choice);
}

/**
 * The choice a device starts with: the one it remembers, or else the interface language when an
 * interpreter holds it, or else the original.
 */
export function initialChoice(
  remembered: string | null,
  interfaceLanguage: string,
  interpreters: readonly Interpreter[],
): ListenerChoice {
  if (isListenerChoice(remembered)) return remembered;
  return isLanguage(interfaceLanguage) && interpretationChannels(interpreters).has(interfaceLanguage)
    ? interfaceLanguage
    : ORIGINAL;
}

/**
 * The interpreters whose microphones a listener receives through LiveKit: only those interpreting into
 * the chosen language (the live one, and one about to take over), none on "original".
 */
export function interpretersToReceive(
  choice: ListenerChoice,
  interpreters: readonly Interpreter[],
): Set<string> {
  if (choice === ORIGINAL) return new Set();
  return new Set(interpreters.filter((other) => other.interpreting === choice).map((other) => other.id));
}

/** What a listener may choose from: the original, then each language an interpreter holds, in the hall's order. */
export function listeningOptions(interpreters: readonly Interpreter[]): ListenerChoice[] {
  const channels = interpretationChannels(interpreters);
  return LISTENER_CHOICES.filter((choice) => choice === ORIGINAL || channels.has(choice));
}

/** The choice after `current` (the keyboard shortcut and the hand menu step through them). */
export function nextListening(current: ListenerChoice, options: readonly ListenerChoice[]): ListenerChoice {
  const at = options.indexOf(current);
  return options[(at + 1) % options.length] ?? ORIGINAL;
}
