/**
 * The rendering benchmark's crowd (`?test=1&bench=N`): N simulated people added to this page only,
 * walking slow circles around the hall and looking about. Their poses go through the same pose buffer
 * as the room's, in the same mix a 300-person hall sends: the nearest few with full poses at 20 Hz, the
 * others as coarse heads at 4 Hz. Nothing reaches the server. `window.__plenumBench` reads what the
 * avatar update cost per frame.
 */

import type { Schema } from "@colyseus/schema";
import { HALL } from "../../../shared/hall/hall-geometry.ts";
import { packCoarseHead } from "../../../shared/pose/coarse-pose.ts";
import { MAX_FULL_RATE } from "../../../shared/pose/interest.ts";
import { packPosition } from "../../../shared/pose/position-codec.ts";
import { packQuaternion } from "../../../shared/pose/quaternion-codec.ts";
import type { AvatarPose, Participant } from "../../../shared/state/town-hall-state.ts";
import { type ParticipantSummary, useHallStore } from "../net/hall-store.ts";
import { recordPose } from "../net/pose-buffer.ts";
import { avatarFrameCosts, avatarTriangles, resetAvatarFrameCosts } from "../scene/avatar-frame-cost.ts";

const POSE_INTERVAL_MS = 50;
const COARSE_EVERY = 5;
const COLOURS = ["#e4572e", "#3366cc", "#76b041", "#ffc914", "#9c6ade", "#17bebb", "#f0810f", "#c2185b"];

/** The room's full pose, as the pose buffer reads it. */
const ZERO_POSE: Omit<AvatarPose, keyof Schema> = {
  headPosition: 0,
  headRotation: 0,
  leftPosition: 0,
  leftRotation: 0,
  rightPosition: 0,
  rightRotation: 0,
};

interface BenchPerson {
  readonly id: string;
  readonly baseX: number;
  readonly baseZ: number;
  readonly phase: number;
  readonly state: { pose?: typeof ZERO_POSE; coarse: number };
}

declare global {
  interface Window {
    __plenumBench?: {
      readonly people: number;
      frameCosts(): number[];
      triangles(): number;
      reset(): void;
    };
  }
}

export function startBenchCrowd(count: number): void {
  const people: BenchPerson[] = [];
  const summaries: ParticipantSummary[] = [];
  for (let i = 0; i < count; i++) {
    const id = `bench-${i}`;
    // A golden-angle spread covers the floor evenly, the first ones nearest the entrance.
    const radius = Math.sqrt((i + 0.5) / count);
    const angle = i * 2.39996;
    const baseX = Math.max(HALL.minX + 2, Math.min(HALL.maxX - 2, radius * 13 * Math.sin(angle)));
    const baseZ = Math.max(
      HALL.minZ + 2,
      Math.min(HALL.maxZ - 2, 10 - radius * 20 * Math.abs(Math.cos(angle))),
    );
    const full = i < MAX_FULL_RATE;
    people.push({
      id,
      baseX,
      baseZ,
      phase: i * 0.7,
      state: full ? { pose: { ...ZERO_POSE }, coarse: 0 } : { coarse: 0 },
    });
    summaries.push({
      id,
      name: `Guest ${i + 1}`,
      color: COLOURS[i % COLOURS.length] as string,
      role: i % 60 === 0 ? "facilitator" : "citizen",
      device: "desktop",
      seat: -1,
      muted: true,
      handRaised: false,
      hasFloor: false,
      canSpeak: false,
      mutedByFacilitator: false,
      reconnecting: false,
      interpreterLanguages: [],
      interpreting: "",
      interpreterLive: false,
    });
  }
  const addCrowd = () => {
    const { participants } = useHallStore.getState();
    if (count > 0 && !participants.some((p) => p.id === summaries[0]?.id)) {
      useHallStore.setState({ participants: [...participants, ...summaries] });
    }
  };
  useHallStore.subscribe(addCrowd);
  addCrowd();

  let tick = 0;
  setInterval(() => {
    const now = performance.now();
    const seconds = now / 1000;
    const coarseTick = tick++ % COARSE_EVERY === 0;
    for (const person of people) {
      const t = seconds * 0.5 + person.phase;
      const x = person.baseX + 1.2 * Math.cos(t);
      const z = person.baseZ + 1.2 * Math.sin(t);
      const yaw = -t + 0.4 * Math.sin(seconds * 1.3 + person.phase);
      const { state } = person;
      if (state.pose) {
        const rotation = packQuaternion(0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2));
        const swing = 0.15 * Math.sin(seconds * 3 + person.phase);
        const side = 0.3 * Math.cos(yaw);
        Object.assign(state.pose, {
          headPosition: packPosition(x, 1.6, z),
          headRotation: rotation,
          leftPosition: packPosition(x - side, 0.9 + swing, z),
          leftRotation: rotation,
          rightPosition: packPosition(x + side, 0.9 - swing, z),
          rightRotation: rotation,
        });
      } else if (!coarseTick) {
        continue;
      }
      state.coarse = packCoarseHead(x, 1.6, z, yaw);
      recordPose(person.id, state as unknown as Participant, now);
    }
  }, POSE_INTERVAL_MS);

  window.__plenumBench = {
    people: count,
    frameCosts: avatarFrameCosts,
    triangles: avatarTriangles,
    reset: resetAvatarFrameCosts,
  };
}
