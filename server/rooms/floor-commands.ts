/**
 * The speaking queue and the floor: hands up and down, giving, taking and extending the floor, the
 * speaking mode, and the timer that ends a floor whose time and grace ran out. Each command decides over
 * the queue and floor as they are when it runs, stores its audit entry, and only then changes them.
 */
import {
  extendFloor,
  FLOOR_GRACE_MS,
  floorPhase,
  giveFloor,
  giveFloorToNext,
  NO_FLOOR,
  takeFloor,
} from "../../shared/consultation/floor.ts";
import { isSpeakerRole } from "../../shared/consultation/roles.ts";
import { isInQueue, lowerHand, queueOrder, raiseHand } from "../../shared/consultation/speaking-queue.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { NewAuditEntry } from "../store/consultation-store.ts";
import { actorOf, avatarOf, participantOf, targetOf } from "./hall-client.ts";
import { auditEntry, type HallContext, type StoredChange } from "./hall-context.ts";
import { refused } from "./refusal.ts";

function limitDetail(limitSeconds: number | undefined): NewAuditEntry["detail"] {
  return limitSeconds === undefined ? undefined : { limitSeconds };
}

export class FloorCommands {
  readonly #hall: HallContext;

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get messages() {
    const hall = this.#hall;
    const { pipeline, speech, state, store } = hall;
    return {
      raise_hand: pipeline.message("raise_hand", (client) => {
        const actor = actorOf(state, client, "raise_hand");
        // Only someone in the hall can be given the floor: a console alone raises no hand.
        if (!avatarOf(state, client)) refused("not_allowed");
        speech.queue = raiseHand(speech.queue, actor.id, hall.now());
        speech.sync();
      }),
      lower_hand: pipeline.message("lower_hand", async (client, message) => {
        const self = participantOf(state, client);
        if (!self) return;
        if (message.participantId === undefined || message.participantId === self.id) {
          speech.queue = lowerHand(speech.queue, self.id);
          return speech.sync();
        }
        const target = targetOf(state, self, "dismiss_hand", message.participantId);
        if (!isInQueue(speech.queue, target.id)) refused("not_in_queue");
        await store.appendAudit(auditEntry(hall, self.id, "dismiss_hand", target.id));
        speech.queue = lowerHand(speech.queue, target.id);
        speech.sync();
      }),
      give_floor: pipeline.message("give_floor", async (client, message) => {
        const actor = actorOf(state, client, "give_floor");
        let result: ReturnType<typeof giveFloor>;
        if ("next" in message) {
          result = giveFloorToNext(speech.floor, speech.queue, hall.now(), message.limitSeconds);
        } else {
          const target = state.participants.get(message.participantId);
          if (!target) refused("unknown_participant");
          if (!isSpeakerRole(target.role)) refused("not_a_speaker");
          result = giveFloor(speech.floor, speech.queue, target.id, hall.now(), message.limitSeconds);
        }
        if (!result.ok) refused(result.code);
        const holderId = result.floor.holderId as string;
        await store.appendAudit(
          auditEntry(hall, actor.id, "give_floor", holderId, undefined, limitDetail(message.limitSeconds)),
        );
        speech.floor = result.floor;
        speech.queue = result.queue;
        // Being given the floor lifts a facilitator's mute; the microphone itself stays as the speaker set it.
        speech.mutedByFacilitator.delete(holderId);
        speech.sync();
      }),
      take_floor: pipeline.message("take_floor", async (client) => {
        const actor = actorOf(state, client, "take_floor");
        const result = takeFloor(speech.floor, speech.queue);
        if (!result.ok) refused(result.code);
        await store.appendAudit(auditEntry(hall, actor.id, "take_floor", result.previousHolderId));
        speech.floor = result.floor;
        speech.sync();
      }),
      extend_floor: pipeline.message("extend_floor", async (client, message) => {
        const actor = actorOf(state, client, "extend_floor");
        const result = extendFloor(speech.floor, message.seconds, hall.now());
        if (!result.ok) refused(result.code);
        await store.appendAudit(
          auditEntry(hall, actor.id, "extend_floor", result.floor.holderId, undefined, {
            seconds: message.seconds,
          }),
        );
        speech.floor = result.floor;
        speech.sync();
      }),
      set_mode: pipeline.message("set_mode", async (client, message) => {
        const actor = actorOf(state, client, "set_mode");
        if (message.mode === speech.mode) return;
        await store.transaction(async (tx) => {
          await tx.setSpeakingMode(state.consultation.id, message.mode);
          await tx.appendAudit(
            auditEntry(hall, actor.id, "set_mode", undefined, undefined, { mode: message.mode }),
          );
        });
        state.consultation.mode = message.mode;
        speech.sync();
      }),
    };
  }

  /** Timer: a speaker whose time and grace ran out loses the floor and is muted. */
  checkTime(): Promise<void> {
    const { speech, state } = this.#hall;
    return this.#hall.pipeline.run("floor_check", async () => {
      if (floorPhase(speech.floor, this.#hall.now(), FLOOR_GRACE_MS) !== "expired") return;
      const holderId = speech.floor.holderId;
      speech.floor = NO_FLOOR;
      const holder = holderId === undefined ? undefined : state.participants.get(holderId);
      if (holder) holder.muted = true;
      speech.sync();
      // The floor ends on time whether or not its audit entry can be written.
      await this.#hall.store
        .appendAudit(auditEntry(this.#hall, undefined, "floor_expired", holderId))
        .catch((error: unknown) => serverLog.error("Audit failed:", error));
    });
  }

  /**
   * The consultation closes: the speaker loses the floor and every hand comes down, audited as a
   * facilitator's own steps, so that nobody is left holding the floor.
   */
  endSpeaking(actorId: string): StoredChange {
    const hall = this.#hall;
    const { speech } = hall;
    const holderId = speech.floor.holderId;
    const hands = queueOrder(speech.queue);
    return {
      async write(tx) {
        if (holderId !== undefined) await tx.appendAudit(auditEntry(hall, actorId, "take_floor", holderId));
        for (const participantId of hands)
          await tx.appendAudit(auditEntry(hall, actorId, "dismiss_hand", participantId));
      },
      apply() {
        speech.floor = NO_FLOOR;
        speech.queue = [];
        speech.sync();
      },
    };
  }
}
