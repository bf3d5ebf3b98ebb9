import { Container, Text } from "@react-three/uikit";
import { useState } from "react";
import type { Person } from "../../../shared/consultation/moderation.ts";
import { INTERPRETER_PAIRS, isLanguage } from "../../../shared/voice/interpreter-channels.ts";
import { useT } from "../app/i18n.tsx";
import { personControls } from "../facilitation/console-controls.ts";
import { assignInterpreter, setRole } from "../net/facilitator-actions.ts";
import type { ParticipantSummary } from "../net/hall-store.ts";
import { MenuButton } from "./MenuButton.tsx";

export interface InterpreterPanelProps {
  readonly actor: Person;
  readonly participants: readonly ParticipantSummary[];
  readonly phase: string;
}

/**
 * Interpreters from the headset, where there is no list to scroll or select to open: one button steps
 * through the people the actor may make interpreter, one through the language pairs, and a third
 * assigns; below, each interpreter with their pair and a button that withdraws the role. The same
 * room messages as the console; the room checks them again.
 */
export function InterpreterPanel({ actor, participants, phase }: InterpreterPanelProps) {
  const t = useT();
  const [personIndex, setPersonIndex] = useState(0);
  const [pairIndex, setPairIndex] = useState(0);
  const controlsOf = (person: ParticipantSummary) => personControls(actor, person, phase);
  const candidates = participants.filter((person) => controlsOf(person).assignInterpreter);
  const interpreters = participants.filter(
    (person) =>
      person.role === "interpreter" &&
      controlsOf(person).roleChanges.some((change) => change.to === "citizen"),
  );
  if (candidates.length === 0 && interpreters.length === 0) return null;
  const candidate = candidates[personIndex % Math.max(candidates.length, 1)];
  const pair = INTERPRETER_PAIRS[pairIndex] ?? INTERPRETER_PAIRS[0];
  const languageName = (language: string) => (isLanguage(language) ? t(`language.${language}`) : language);
  const pairText = ([a = "", b = ""]: readonly string[]) =>
    t("console.interpreterPair", { a: languageName(a), b: languageName(b) });

  return (
    <>
      <Text fontSize={16} color="#f2c14e">
        {t("vr.interpreters")}
      </Text>
      {candidate && pair && (
        <Container flexDirection="row" gap={10}>
          <MenuButton
            name="interpreter-candidate"
            onPress={() => setPersonIndex((index) => (index + 1) % candidates.length)}
            fontSize={18}
          >
            {t("vr.interpreterCandidate", { name: candidate.name })}
          </MenuButton>
          <MenuButton
            name="interpreter-pair"
            onPress={() => setPairIndex((index) => (index + 1) % INTERPRETER_PAIRS.length)}
            fontSize={18}
          >
            {t("vr.interpreterPair", { pair: pairText(pair) })}
          </MenuButton>
          <MenuButton
            name="interpreter-assign"
            onPress={() => assignInterpreter(candidate.id, pair)}
            accent
            fontSize={18}
          >
            {t("console.makeInterpreter")}
          </MenuButton>
        </Container>
      )}
      {interpreters.map((person) => (
        <Container key={person.id} flexDirection="row" gap={10} alignItems="center">
          <Text fontSize={18} color="#e8e6e1" flexGrow={2} flexBasis={0}>
            {t("vr.interpreterOf", { name: person.name, pair: pairText(person.interpreterLanguages) })}
          </Text>
          <MenuButton
            name={`interpreter-withdraw-${person.id}`}
            onPress={() => setRole(person.id, "citizen")}
            fontSize={18}
          >
            {t("vr.withdrawInterpreter")}
          </MenuButton>
        </Container>
      ))}
    </>
  );
}
