import { Billboard, Text } from "@react-three/drei";
import { useFrame } from "@react-three/fiber";
import { Suspense, useRef, useState } from "react";
import type { Group } from "three";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { useT } from "../app/i18n.tsx";
import type { ParticipantSummary } from "../net/hall-store.ts";
import { LABEL_HEIGHT } from "./avatar-parts.ts";
import { player } from "./local-player.ts";
import { drawnHeads } from "./rendered-avatars.ts";

/**
 * Names are text meshes, one or two draw calls each: only the nearest few people within reading
 * distance get one, so that a full hall stays within the avatars' draw-call budget.
 */
export const MAX_LABELS = 10;
export const LABEL_RANGE_METRES = 10;
const CHOOSE_EVERY_MS = 300;

interface Candidate {
  id: string;
  distance: number;
}

function nearest(people: readonly ParticipantSummary[]): string[] {
  const candidates: Candidate[] = [];
  for (const person of people) {
    const head = drawnHeads.get(person.id);
    if (!head) continue;
    const distance = Math.hypot(head.x - player.x, head.z - player.z);
    if (distance <= LABEL_RANGE_METRES) candidates.push({ id: person.id, distance });
  }
  candidates.sort((a, b) => a.distance - b.distance);
  return candidates.slice(0, MAX_LABELS).map((candidate) => candidate.id);
}

function LabelText({ text, size, color }: { text: string; size: number; color: string }) {
  return (
    <Text
      font={interFontUrl}
      fontSize={size}
      color={color}
      outlineWidth={size / 12}
      outlineColor="#1b1b1f"
      anchorY="bottom"
      maxWidth={2.4}
    >
      {text}
    </Text>
  );
}

function NameLabel({ person, facilitatorLabel }: { person: ParticipantSummary; facilitatorLabel: string }) {
  const group = useRef<Group>(null);
  useFrame(() => {
    const head = drawnHeads.get(person.id);
    if (!group.current) return;
    group.current.visible = head !== undefined;
    if (head) group.current.position.set(head.x, head.y + LABEL_HEIGHT, head.z);
  });
  return (
    <group ref={group} visible={false}>
      <Billboard>
        <Suspense fallback={null}>
          <LabelText text={person.name} size={0.12} color="#ffffff" />
          {person.role === "facilitator" && (
            <group position={[0, 0.19, 0]}>
              <LabelText text={facilitatorLabel} size={0.08} color="#f2c14e" />
            </group>
          )}
        </Suspense>
      </Billboard>
    </group>
  );
}

/** Name labels over the nearest people, re-chosen a few times per second. */
export function AvatarLabels({ people }: { people: readonly ParticipantSummary[] }) {
  const t = useT();
  const [shown, setShown] = useState<readonly string[]>([]);
  const chosenAt = useRef(Number.NEGATIVE_INFINITY);
  useFrame(() => {
    const now = performance.now();
    if (now - chosenAt.current < CHOOSE_EVERY_MS) return;
    chosenAt.current = now;
    const next = nearest(people);
    if (next.join("\n") !== shown.join("\n")) setShown(next);
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  return (
    <>
      {shown.map((id) => {
        const person = byId.get(id);
        return person ? (
          <NameLabel key={id} person={person} facilitatorLabel={t("role.facilitator")} />
        ) : null;
      })}
    </>
  );
}
