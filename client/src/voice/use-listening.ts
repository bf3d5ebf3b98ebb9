/** The listener's choice for React: follows the room's interpreters, this device's memory and the interface language. */
import { useMemo } from "react";
import { useLanguage } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";
import { type Listening, listening, useListeningMemory } from "./listening-choice.ts";

export function useListening(): Listening {
  const participants = useHallStore((state) => state.participants);
  const remembered = useListeningMemory((state) => state.remembered);
  const { language } = useLanguage();
  return useMemo(() => listening(participants, remembered, language), [participants, remembered, language]);
}
