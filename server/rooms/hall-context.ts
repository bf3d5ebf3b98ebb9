/** What the room lends to its command modules: its state, store, clock and the speech it keeps. */
import type { AuditAction } from "../../shared/consultation/audit.ts";
import type { TownHallState } from "../../shared/state/town-hall-state.ts";
import type { ConsultationStore, NewAuditEntry } from "../store/consultation-store.ts";
import type { VoiceModeration } from "../voice/voice-moderation.ts";
import type { CommandPipeline } from "./command-pipeline.ts";
import type { HallClient } from "./hall-client.ts";
import type { HallSpeech } from "./hall-speech.ts";

export interface HallContext {
  readonly state: TownHallState;
  readonly store: ConsultationStore;
  readonly now: () => number;
  readonly voice: VoiceModeration;
  readonly pipeline: CommandPipeline;
  readonly speech: HallSpeech;
  /** Everyone connected to the room now. */
  clients(): readonly HallClient[];
}

/**
 * A change a command makes in two halves: `write` stores its durable effects through the command's
 * transaction, and `apply`, run once that transaction committed, changes the room's state.
 */
export interface StoredChange {
  write(tx: ConsultationStore): Promise<void>;
  apply(): void;
}

/** Stores `change` in one transaction, then, once it committed, applies it to the room. */
export async function commit(hall: HallContext, change: StoredChange): Promise<void> {
  await hall.store.transaction((tx) => change.write(tx));
  change.apply();
}

/** An audit log entry for this room's consultation, written now. */
export function auditEntry(
  hall: HallContext,
  actorId: string | undefined,
  action: AuditAction,
  targetId?: string,
  reason?: string,
  detail?: NewAuditEntry["detail"],
): NewAuditEntry {
  return {
    consultationId: hall.state.consultation.id,
    at: hall.now(),
    actorId,
    action,
    targetId,
    reason,
    detail,
  };
}
