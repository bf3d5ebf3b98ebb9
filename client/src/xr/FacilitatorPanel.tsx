import { Container, Text } from "@react-three/uikit";
import { useState } from "react";
import type { Person } from "../../../shared/consultation/moderation.ts";
import { useT } from "../app/i18n.tsx";
import { personControls, roomControls } from "../facilitation/console-controls.ts";
import { floorClock, formatCountdown } from "../facilitation/floor-clock.ts";
import { useConsultation } from "../net/consultation-store.ts";
import { useFacilitation } from "../net/facilitation-store.ts";
import {
  giveFloorToNext,
  lockRoom,
  muteEveryone,
  muteParticipant,
  setSpeakingMode,
  takeFloor,
  unmuteParticipant,
} from "../net/facilitator-actions.ts";
import { type ParticipantSummary, useHallStore } from "../net/hall-store.ts";
import { useNow } from "../ui/use-now.ts";
import { InterpreterPanel } from "./InterpreterPanel.tsx";
import { MenuButton } from "./MenuButton.tsx";

/** Time limits a headset user steps through (no keyboard at hand); none first, like the console's empty field. */
export const VR_FLOOR_LIMITS: readonly (number | undefined)[] = [undefined, 60, 120, 180, 300];
/** How many queued people the panel lists by name; the rest are counted. */
const QUEUE_SHOWN = 4;

export interface FacilitatorPanelProps {
  /** Who uses the panel: their id and current role (the room checks again). */
  readonly actor: Person;
}

interface MuteToggleProps {
  readonly actor: Person;
  readonly person: ParticipantSummary;
  /** The consultation's phase: a closed one no longer accepts some actions. */
  readonly phase: string;
  /** "name" says whom the button mutes; "short" sits beside the name already. */
  readonly wording: "name" | "short";
}

/** Mute or lift the mute of one person, whichever the room would accept from the actor now. */
function MuteToggle({ actor, person, phase, wording }: MuteToggleProps) {
  const t = useT();
  const controls = personControls(actor, person, phase);
  const name = person.name;
  if (controls.mute)
    return (
      <MenuButton
        name={`facilitation-mute-${person.id}`}
        onPress={() => muteParticipant(person.id)}
        fontSize={18}
      >
        {wording === "name" ? t("console.muteName", { name }) : t("console.mute")}
      </MenuButton>
    );
  if (controls.unmute)
    return (
      <MenuButton
        name={`facilitation-unmute-${person.id}`}
        onPress={() => unmuteParticipant(person.id)}
        accent
        fontSize={18}
      >
        {wording === "name" ? t("console.unmuteName", { name }) : t("console.unmute")}
      </MenuButton>
    );
  return null;
}

/**
 * The facilitator's controls in VR, a page of the hand menu: who speaks and the queue in order, the
 * floor (next in line, take back, time limit), muting, the speaking mode, interpreters and the lock. The same room
 * messages as the desktop console; anything the role may not do is left out.
 */
export function FacilitatorPanel({ actor }: FacilitatorPanelProps) {
  const t = useT();
  const phase = useConsultation((state) => state.phase);
  const controls = roomControls(actor.role, phase);
  const floor = useFacilitation((state) => state.floor);
  const queue = useFacilitation((state) => state.queue);
  const mode = useFacilitation((state) => state.mode);
  const locked = useFacilitation((state) => state.locked);
  const participants = useHallStore((state) => state.participants);
  const [limitIndex, setLimitIndex] = useState(0);
  const now = useNow(floor.endsAt > 0, 1000);
  const clock = floorClock(floor, now);
  const byId = new Map(participants.map((participant) => [participant.id, participant]));
  const holder = floor.holderId === "" ? undefined : byId.get(floor.holderId);
  const limit = VR_FLOOR_LIMITS[limitIndex];

  return (
    <>
      <Text fontSize={20} color="#f2c14e">
        {t("vr.facilitation")}
      </Text>
      {controls.floor && (
        <>
          <Container flexDirection="row" gap={16} flexWrap="wrap">
            <Text fontSize={18} color="#e8e6e1">
              {floor.holderId !== ""
                ? t("floor.speaker", { name: holder?.name ?? floor.holderId })
                : t("floor.free")}
            </Text>
            {floor.holderId !== "" && (
              <Text fontSize={18} color="#b9b6ae">
                {clock.phase === "counting"
                  ? t("floor.remaining", { time: formatCountdown(clock.remainingMs) })
                  : clock.phase === "grace"
                    ? t("floor.grace", { time: formatCountdown(clock.remainingMs) })
                    : t("floor.unlimited")}
              </Text>
            )}
          </Container>
          {holder && (
            <Container flexDirection="row" gap={10}>
              <MuteToggle actor={actor} person={holder} phase={phase} wording="name" />
            </Container>
          )}
          <Container flexDirection="row" gap={10}>
            <MenuButton
              name="facilitation-give-next"
              onPress={() => giveFloorToNext(limit)}
              disabled={queue.length === 0}
              accent
              fontSize={18}
            >
              {t("console.giveNext")}
            </MenuButton>
            <MenuButton
              name="facilitation-take-floor"
              onPress={takeFloor}
              disabled={floor.holderId === ""}
              fontSize={18}
            >
              {t("console.takeFloor")}
            </MenuButton>
          </Container>
          <MenuButton
            name="facilitation-limit"
            onPress={() => setLimitIndex((index) => (index + 1) % VR_FLOOR_LIMITS.length)}
            fontSize={18}
          >
            {limit === undefined ? t("vr.limitNone") : t("vr.limitMinutes", { minutes: limit / 60 })}
          </MenuButton>
          <Text fontSize={16} color="#f2c14e">
            {t("console.queue", { count: queue.length })}
          </Text>
          {queue.length === 0 && (
            <Text fontSize={16} color="#b9b6ae">
              {t("console.queueEmpty")}
            </Text>
          )}
          {queue.slice(0, QUEUE_SHOWN).map((participantId, index) => {
            const person = byId.get(participantId);
            return (
              <Container key={participantId} flexDirection="row" gap={10} alignItems="center">
                <Text fontSize={18} color="#e8e6e1" flexGrow={2} flexBasis={0}>
                  {`${index + 1}. ${person?.name ?? participantId}`}
                </Text>
                {person && <MuteToggle actor={actor} person={person} phase={phase} wording="short" />}
              </Container>
            );
          })}
          {queue.length > QUEUE_SHOWN && (
            <Text fontSize={16} color="#b9b6ae">
              {t("vr.queueMore", { count: queue.length - QUEUE_SHOWN })}
            </Text>
          )}
        </>
      )}
      {controls.mode && (
        <Container flexDirection="row" gap={10}>
          <MenuButton
            name="facilitation-mode-town_hall"
            onPress={() => setSpeakingMode("town_hall")}
            accent={mode === "town_hall"}
            fontSize={18}
          >
            {t("vr.modeTownHall")}
          </MenuButton>
          <MenuButton
            name="facilitation-mode-open"
            onPress={() => setSpeakingMode("open")}
            accent={mode === "open"}
            fontSize={18}
          >
            {t("vr.modeOpen")}
          </MenuButton>
        </Container>
      )}
      <InterpreterPanel actor={actor} participants={participants} phase={phase} />
      {(controls.muteAll || controls.lock) && (
        <Container flexDirection="row" gap={10}>
          {controls.muteAll && (
            <MenuButton name="facilitation-mute-all" onPress={muteEveryone} fontSize={18}>
              {t("console.muteAll")}
            </MenuButton>
          )}
          {controls.lock && (
            <MenuButton
              name="facilitation-lock"
              onPress={() => lockRoom(!locked)}
              accent={locked}
              fontSize={18}
            >
              {locked ? t("console.unlock") : t("console.lock")}
            </MenuButton>
          )}
        </Container>
      )}
    </>
  );
}
