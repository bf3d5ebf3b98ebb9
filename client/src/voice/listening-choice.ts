/**
 * What this listener hears: the original or one interpretation channel. Remembered in this browser and
 * sent to nobody; the mixer and, through LiveKit, the subscriptions follow it.
 */
import { create } from "zustand";
import {
  initialChoice,
  isListenerChoice,
  type ListenerChoice,
  listeningOptions,
  nextListening,
} from "../../../shared/voice/interpretation-routing.ts";
import type { Interpreter } from "../../../shared/voice/interpreter-channels.ts";
import { type ParticipantSummary, useHallStore } from "../net/hall-store.ts";

/** Where this device remembers its choice. */
export const LISTENING_STORAGE_KEY = "plenum.listening";

function rememberedChoice(): ListenerChoice | null {
  try {
    const raw = localStorage.getItem(LISTENING_STORAGE_KEY);
    return isListenerChoice(raw) ? raw : null;
  } catch {
    return null;
  }
}

/** The choice this device made, or null until it made one (the interface language then decides). */
export const useListeningMemory = create<{ readonly remembered: ListenerChoice | null }>()(() => ({
  remembered: rememberedChoice(),
}));

export function chooseListening(choice: ListenerChoice): void {
  useListeningMemory.setState({ remembered: choice });
  try {
    localStorage.setItem(LISTENING_STORAGE_KEY, choice);
  } catch {
    // Remembering is a convenience.
  }
}

/** The interpreters among `participants`, as the channel rules see them. */
export function interpretersAmong(participants: readonly ParticipantSummary[]): Interpreter[] {
  return participants
    .filter((participant) => participant.role === "interpreter")
    .map((participant) => ({
      id: participant.id,
      languages: participant.interpreterLanguages,
      interpreting: participant.interpreting,
      live: participant.interpreterLive,
    }));
}

export interface Listening {
  readonly choice: ListenerChoice;
  readonly options: readonly ListenerChoice[];
  readonly interpreters: readonly Interpreter[];
}

/** The choice in effect, given the interface language (`interfaceLanguage`) and who interprets now. */
export function listening(
  participants: readonly ParticipantSummary[],
  remembered: ListenerChoice | null,
  interfaceLanguage: string,
): Listening {
  const interpreters = interpretersAmong(participants);
  const options = listeningOptions(interpreters);
  const choice = initialChoice(remembered, interfaceLanguage, interpreters);
  return { choice, options, interpreters };
}

/** The choice in effect now, for code outside React (the mixer, the keyboard); the page declares its language. */
export function currentListening(): Listening {
  return listening(
    useHallStore.getState().participants,
    useListeningMemory.getState().remembered,
    document.documentElement.lang,
  );
}

/** Steps to the next choice offered (the L key, the hand menu's button). */
export function cycleListening(): void {
  const { choice, options } = currentListening();
  chooseListening(nextListening(choice, options));
}
