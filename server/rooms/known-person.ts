/** Whom a command acts on by id: someone in the hall, or someone the store knows who left. */
import type { Participant } from "../../shared/state/town-hall-state.ts";
import type { ParticipantRecord } from "../store/consultation-store.ts";
import type { HallContext } from "./hall-context.ts";
import { refused } from "./refusal.ts";

/** Someone a command acts on: in the hall now, or only in the store (they left, or never came in). */
export interface KnownPerson {
  readonly id: string;
  readonly role: string;
  /** Their avatar, when they are in the hall. */
  readonly present: Participant | undefined;
  readonly record: ParticipantRecord | undefined;
}

/**
 * A participant of this consultation, present or not, whose session is still on (or, with
 * `orRemoved`, was ended by a removal: a ban can follow it); `unknown_participant` otherwise.
 */
export async function knownPerson(hall: HallContext, id: string, orRemoved = false): Promise<KnownPerson> {
  const present = hall.state.participants.get(id);
  if (present) return { id, role: present.role, present, record: undefined };
  const record = await hall.store.findParticipant(id);
  const usable = record?.status === "active" || (orRemoved && record?.status === "removed");
  if (!record || record.consultationId !== hall.state.consultation.id || !usable)
    refused("unknown_participant");
  return { id, role: record.role, present: undefined, record };
}
