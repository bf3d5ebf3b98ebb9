/**
 * Interest management for the room's avatars: every hall connection gets a StateView holding its own
 * avatar and those whose full pose it receives (shared/pose/interest.ts decides who); everyone's coarse
 * head (shared/pose/coarse-pose.ts) goes to all. The work is spread over patch intervals: each interval
 * refreshes a fifth of the coarse heads and recomputes a tenth of the views, so a crowded hall costs
 * the event loop a small, even slice every tick instead of a spike.
 */
import { StateView } from "@colyseus/schema";
import { packCoarseHead, yawOf } from "../../shared/pose/coarse-pose.ts";
import {
  fullRateSet,
  type InterestSubject,
  LOW_BANDWIDTH_FULL_RATE,
  MAX_FULL_RATE,
  NEAR_ENTER_METRES,
} from "../../shared/pose/interest.ts";
import { unpackPosition } from "../../shared/pose/position-codec.ts";
import { unpackQuaternion } from "../../shared/pose/quaternion-codec.ts";
import type { Participant, TownHallState } from "../../shared/state/town-hall-state.ts";

/** Coarse heads are refreshed once every this many patch intervals (4 Hz at 50 ms). */
export const COARSE_PHASES = 5;
/**
 * Views are recomputed once every this many patch intervals (2 Hz at 50 ms): half the work of 4 Hz.
 * Someone walking covers half a metre in that time, well inside the gap between the enter and leave
 * radii; how often people swap in and out follows how they move, not how often the set is recomputed.
 */
export const VIEW_PHASES = 10;

const rotation = { x: 0, y: 0, z: 0, w: 1 };
const head = { x: 0, y: 0, z: 0 };

/** Writes the participant's coarse head from its full head pose. */
export function refreshCoarse(participant: Participant): void {
  const pose = participant.pose;
  unpackPosition(pose.headPosition, head);
  unpackQuaternion(pose.headRotation, rotation);
  participant.coarse = packCoarseHead(
    head.x,
    head.y,
    head.z,
    yawOf(rotation.x, rotation.y, rotation.z, rotation.w),
  );
}

type Subject = { -readonly [K in keyof InterestSubject]: InterestSubject[K] };

function describe(participant: Participant, subject: Subject): Subject {
  unpackPosition(participant.pose.headPosition, head);
  subject.id = participant.id;
  subject.x = head.x;
  subject.z = head.z;
  subject.table = participant.table;
  subject.hasFloor = participant.hasFloor;
  return subject;
}

function blankSubject(): Subject {
  return { id: "", x: 0, z: 0, table: -1, hasFloor: false };
}

interface Watcher {
  readonly participantId: string;
  /** Others whose full pose this view holds. */
  fullRate: Set<string>;
  /** How many others it may hold: fewer in low-bandwidth mode. */
  limit: number;
}

/** What a connection carries: Colyseus hands a reconnecting client its predecessor's view. */
export interface Viewer {
  view?: StateView;
}

export class AvatarInterest {
  readonly #participants: TownHallState["participants"];
  readonly #watchers = new Map<StateView, Watcher>();
  /** Everyone's place, rewritten in place at each recompute instead of allocated anew per patch. */
  readonly #everyone: Subject[] = [];
  readonly #viewer = blankSubject();
  readonly #newcomer = blankSubject();
  #tick = 0;

  constructor(participants: TownHallState["participants"]) {
    this.#participants = participants;
  }

  /** Gives a hall connection its view: its own avatar, and at once whoever it should see in full. */
  watch(client: Viewer, participantId: string): void {
    this.unwatch(client);
    const view = new StateView();
    const watcher: Watcher = { participantId, fullRate: new Set(), limit: MAX_FULL_RATE };
    const self = this.#participants.get(participantId);
    if (self) view.add(self);
    client.view = view;
    this.#watchers.set(view, watcher);
    this.#recompute(view, watcher, this.#subjects());
    if (self) this.#introduce(self);
  }

  /**
   * A newcomer appears in full at once for those near with room in their set, instead of at their next
   * recompute; the rest of the rule (tables, floor, the cap's choice) follows within a few ticks.
   */
  #introduce(newcomer: Participant): void {
    const to = describe(newcomer, this.#newcomer);
    for (const [view, watcher] of this.#watchers) {
      const viewer = this.#participants.get(watcher.participantId);
      if (!viewer || viewer === newcomer || watcher.fullRate.size >= watcher.limit) continue;
      const from = describe(viewer, this.#viewer);
      const distance = Math.hypot(from.x - to.x, from.z - to.z);
      if (distance > NEAR_ENTER_METRES) continue;
      watcher.fullRate.add(newcomer.id);
      if (!view.has(newcomer)) view.add(newcomer);
    }
  }

  /**
   * Low-bandwidth mode for one connection, applied at once. A fresh connection starts without it (the
   * client says so again on joining); a reconnecting one keeps it with its view.
   */
  setLowBandwidth(client: Viewer, on: boolean): void {
    const view = client.view;
    const watcher = view && this.#watchers.get(view);
    if (!view || !watcher) return;
    watcher.limit = on ? LOW_BANDWIDTH_FULL_RATE : MAX_FULL_RATE;
    this.#recompute(view, watcher, this.#subjects());
  }

  unwatch(client: Viewer): void {
    const view = client.view;
    if (!view) return;
    this.#watchers.delete(view);
    view.dispose();
    client.view = undefined;
  }

  /** Runs once per patch interval, before the patch. */
  step(): void {
    const tick = this.#tick++;
    const coarsePhase = tick % COARSE_PHASES;
    let index = 0;
    for (const participant of this.#participants.values()) {
      if (index++ % COARSE_PHASES === coarsePhase) refreshCoarse(participant);
    }
    const viewPhase = tick % VIEW_PHASES;
    index = 0;
    let subjects: readonly InterestSubject[] | undefined;
    for (const [view, watcher] of this.#watchers) {
      if (index++ % VIEW_PHASES !== viewPhase) continue;
      subjects ??= this.#subjects();
      this.#recompute(view, watcher, subjects);
    }
  }

  #subjects(): readonly InterestSubject[] {
    const everyone = this.#everyone;
    let count = 0;
    for (const participant of this.#participants.values()) {
      everyone[count] ??= blankSubject();
      describe(participant, everyone[count] as Subject);
      count++;
    }
    everyone.length = count;
    return everyone;
  }

  #recompute(view: StateView, watcher: Watcher, subjects: readonly InterestSubject[]): void {
    const viewer = this.#participants.get(watcher.participantId);
    if (!viewer) return;
    const next = fullRateSet(describe(viewer, this.#viewer), subjects, watcher.fullRate, watcher.limit);
    for (const id of watcher.fullRate) {
      const other = this.#participants.get(id);
      if (other && !next.has(id) && view.has(other)) view.remove(other);
    }
    // Asking the view rather than the old set: someone who left and came back is a new instance.
    for (const id of next) {
      const other = this.#participants.get(id);
      if (other && !view.has(other)) view.add(other);
    }
    watcher.fullRate = next;
  }
}
