import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import { Euler, Quaternion, Vector3 } from "three";
import { TEST_MODE } from "../app/test-mode.ts";
import { type ParticipantSummary, useHallStore } from "../net/hall-store.ts";
import { useLowBandwidth } from "../net/low-bandwidth.ts";
import { HEAD, LEFT_HAND, RENDER_DELAY_MS, RIGHT_HAND, samplePose } from "../net/pose-buffer.ts";
import { speakingNow } from "../voice/speaking.ts";
import { AvatarLabels } from "./AvatarLabels.tsx";
import { AvatarCrowd } from "./avatar-crowd.ts";
import { recordAvatarFrame } from "./avatar-frame-cost.ts";
import { type DrawnHead, drawnHands, drawnHeads } from "./rendered-avatars.ts";

const MIN_CAPACITY = 32;

/** Scratch shared by every avatar: one frame writes them one after another. */
const position = new Vector3();
const rotation = new Quaternion();
const hand = new Vector3();
const handRotation = new Quaternion();
const yaw = new Euler(0, 0, 0, "YXZ");

interface Drawn {
  readonly head: DrawnHead;
  readonly hands: { readonly left: DrawnHead; readonly right: DrawnHead };
}

function copyInto(target: DrawnHead, source: Vector3): void {
  target.x = source.x;
  target.y = source.y;
  target.z = source.z;
}

/**
 * Everyone in the room except ourselves (the local person sees the hall in first person), drawn as one
 * instanced crowd, with name labels over the nearest few.
 */
export function Avatars() {
  const participants = useHallStore((state) => state.participants);
  const selfId = useHallStore((state) => state.selfId);
  const others = useMemo(() => participants.filter((p) => p.id !== selfId), [participants, selfId]);
  let capacity = MIN_CAPACITY;
  while (capacity < others.length) capacity *= 2;
  const crowd = useMemo(() => new AvatarCrowd(capacity), [capacity]);
  const drawn = useRef(new Map<string, Drawn>());
  const list = useRef<readonly ParticipantSummary[]>(others);

  useEffect(() => () => crowd.dispose(), [crowd]);
  useEffect(() => {
    list.current = others;
    crowd.setLooks(others.map((p) => ({ color: p.color, facilitator: p.role === "facilitator" })));
    const present = new Set(others.map((p) => p.id));
    for (const id of drawn.current.keys()) {
      if (present.has(id)) continue;
      drawn.current.delete(id);
      drawnHeads.delete(id);
      drawnHands.delete(id);
    }
    for (const p of others) {
      if (!drawn.current.has(p.id)) {
        const origin = () => ({ x: 0, y: 0, z: 0 });
        drawn.current.set(p.id, { head: origin(), hands: { left: origin(), right: origin() } });
      }
    }
  }, [crowd, others]);
  useEffect(
    () => () => {
      drawnHeads.clear();
      drawnHands.clear();
    },
    [],
  );

  useFrame(() => {
    const started = performance.now();
    const time = started - RENDER_DELAY_MS;
    // Low-bandwidth mode leaves out everyone's hands: less to draw, and nothing to wait for.
    const handsShown = !useLowBandwidth.getState().on;
    const people = list.current;
    const count = Math.min(people.length, crowd.capacity);
    crowd.begin();
    for (let i = 0; i < count; i++) {
      const id = (people[i] as ParticipantSummary).id;
      const marks = drawn.current.get(id);
      if (!marks || !samplePose(id, time, HEAD, position, rotation)) {
        crowd.hide(i);
        drawnHeads.delete(id);
        drawnHands.delete(id);
        continue;
      }
      const pulse = speakingNow.has(id) ? 1 + 0.08 * Math.sin(started / 90) : 0;
      crowd.writeBody(i, position, rotation, yaw, pulse);
      copyInto(marks.head, position);
      drawnHeads.set(id, marks.head);
      if (!handsShown) {
        crowd.hideHands(i);
        drawnHands.delete(id);
        continue;
      }
      samplePose(id, time, LEFT_HAND, hand, handRotation);
      crowd.writeHand(i, 0, hand, handRotation);
      copyInto(marks.hands.left, hand);
      samplePose(id, time, RIGHT_HAND, hand, handRotation);
      crowd.writeHand(i, 1, hand, handRotation);
      copyInto(marks.hands.right, hand);
      drawnHands.set(id, marks.hands);
    }
    crowd.commit();
    if (TEST_MODE) recordAvatarFrame(performance.now() - started, crowd.triangles());
  });

  return (
    <>
      {crowd.meshes.map((mesh) => (
        <primitive key={mesh.uuid} object={mesh} />
      ))}
      <AvatarLabels people={others} />
    </>
  );
}
