/**
 * Moderation: facilitators' mutes, moving, removing and banning people, the lock, roles, reports and the
 * audit log. A command's durable effects (a status, its bans and its audit entry) are stored in one
 * transaction; the room changes only once it committed, so a failed write leaves everything as before.
 */
import { countAuditActions } from "../../shared/consultation/audit.ts";
import { closedRefusal } from "../../shared/consultation/closing.ts";
import { checkRoleChange, checkTargetedAction } from "../../shared/consultation/moderation.ts";
import { can } from "../../shared/consultation/permissions.ts";
import { isFacilitating, isSpeakerRole } from "../../shared/consultation/roles.ts";
import { seatById } from "../../shared/hall/hall-geometry.ts";
import {
  type AuditLogResponse,
  CLOSE_CODES,
  ClientMessages,
  REPORT_RECEIVED_MESSAGE,
  type ReportReceived,
} from "../../shared/protocol/room-messages.ts";
import type { Participant } from "../../shared/state/town-hall-state.ts";
import {
  INVITATION_REVOKED_REASON,
  type InvitationRevocation,
  storeRevocation,
} from "../consultations/invitations.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { NewAuditEntry, ParticipantStatus } from "../store/consultation-store.ts";
import { seatParticipant, seatTakenByOther } from "./avatar-placement.ts";
import { actorOf, type HallClient, participantOf, ranked, reasonOf, targetOf } from "./hall-client.ts";
import { auditEntry, type HallContext } from "./hall-context.ts";
import { type KnownPerson, knownPerson } from "./known-person.ts";
import type { HeldSeats } from "./reconnection.ts";
import { refused } from "./refusal.ts";

export class ModerationCommands {
  readonly #hall: HallContext;
  readonly #held: HeldSeats;

  constructor(hall: HallContext, held: HeldSeats) {
    this.#hall = hall;
    this.#held = held;
  }

  get messages() {
    const hall = this.#hall;
    const { pipeline, speech, state, store } = hall;
    return {
      mute_participant: pipeline.message("mute_participant", async (client, message) => {
        const actor = actorOf(state, client);
        const target = targetOf(state, actor, "mute", message.participantId);
        const reason = message.reason === undefined ? undefined : reasonOf(message.reason);
        await store.appendAudit(auditEntry(hall, actor.id, "mute", target.id, reason));
        speech.mutedByFacilitator.add(target.id);
        speech.sync();
      }),
      unmute_participant: pipeline.message("unmute_participant", async (client, message) => {
        const actor = actorOf(state, client);
        const target = targetOf(state, actor, "unmute", message.participantId);
        await store.appendAudit(auditEntry(hall, actor.id, "unmute", target.id));
        speech.mutedByFacilitator.delete(target.id);
        speech.sync();
      }),
      mute_all: pipeline.message("mute_all", async (client) => {
        const actor = actorOf(state, client, "mute_all");
        await store.appendAudit(auditEntry(hall, actor.id, "mute_all"));
        for (const participant of state.participants.values()) {
          if (!isFacilitating(participant.role) && participant.id !== speech.floor.holderId)
            speech.mutedByFacilitator.add(participant.id);
        }
        speech.sync();
      }),
      move_participant: pipeline.message("move_participant", async (client, message) => {
        const actor = actorOf(state, client);
        const target = targetOf(state, actor, "move", message.participantId);
        const seat = seatById(message.seat);
        if (!seat) refused("unknown_seat");
        if (seatTakenByOther(state, seat.id, target)) refused("seat_taken");
        await store.appendAudit(auditEntry(hall, actor.id, "move", target.id, undefined, { seat: seat.id }));
        seatParticipant(target, seat.id);
      }),
      // Removals and bans reach whoever came, in the hall or gone: a ban must hold for someone who left
      // before anyone thought of it.
      remove_participant: pipeline.message("remove_participant", async (client, message) => {
        const actor = actorOf(state, client);
        const target = await this.#target(actor, "remove", message.participantId);
        const reason = reasonOf(message.reason);
        // The browser is bound too, so the join code does not bring them straight back as someone new.
        await this.#endSession(
          target.id,
          "removed",
          await this.#devicesOf(target),
          auditEntry(hall, actor.id, "remove", target.id, reason),
        );
        letGo(hall, this.#held, target.id, CLOSE_CODES.removedByFacilitator, reason);
      }),
      ban_participant: pipeline.message("ban_participant", async (client, message) => {
        const actor = actorOf(state, client);
        // Someone a facilitator removed earlier may still be banned: a ban binds their browser too.
        const target = await this.#target(actor, "ban", message.participantId, true);
        const reason = reasonOf(message.reason);
        const devices = await this.#devicesOf(target);
        const audit = auditEntry(hall, actor.id, "ban", target.id, reason, { devices: devices.length });
        await this.#endSession(target.id, "banned", devices, audit);
        letGo(hall, this.#held, target.id, CLOSE_CODES.bannedByFacilitator, reason);
      }),
      lock_room: pipeline.message("lock_room", async (client, message) => {
        const actor = actorOf(state, client, "lock");
        if (message.locked === state.consultation.locked) return;
        await store.transaction(async (tx) => {
          await tx.setLocked(state.consultation.id, message.locked);
          await tx.appendAudit(auditEntry(hall, actor.id, message.locked ? "lock" : "unlock"));
        });
        state.consultation.locked = message.locked;
      }),
      set_access: pipeline.message("set_access", async (client, message) => {
        const actor = actorOf(state, client, "set_access");
        const from = state.consultation.access;
        if (message.access === from) return;
        await store.transaction(async (tx) => {
          await tx.setAccess(state.consultation.id, message.access);
          await tx.appendAudit(
            auditEntry(hall, actor.id, "set_access", undefined, undefined, { from, to: message.access }),
          );
        });
        state.consultation.access = message.access;
      }),
      set_role: pipeline.message("set_role", async (client, message) => {
        const actor = actorOf(state, client);
        const target = state.participants.get(message.participantId);
        const check = checkRoleChange(ranked(state, actor), target && ranked(state, target), message.role);
        if (!check.ok || !target) refused(check.ok ? "unknown_participant" : check.code);
        await store.transaction(async (tx) => {
          await tx.setParticipantRole(target.id, message.role);
          await tx.appendAudit(
            auditEntry(hall, actor.id, "set_role", target.id, undefined, {
              from: target.role,
              to: message.role,
            }),
          );
        });
        target.role = message.role;
        for (const other of hall.clients()) {
          if (other.userData?.participantId === target.id && other.userData.console)
            other.userData.console.role = message.role;
        }
        if (!isSpeakerRole(message.role)) speech.release(target.id);
        speech.sync();
      }),
      report: pipeline.message("report", async (client, message) => {
        const actor = actorOf(state, client, "report");
        const about = state.participants.get(message.participantId);
        if (!about) refused("unknown_participant");
        if (about.id === actor.id) refused("cannot_target_self");
        const reason = reasonOf(message.reason);
        if (!client.userData?.reports.take(hall.now())) refused("rate_limited");
        const at = hall.now();
        const id = await store.appendAudit(auditEntry(hall, actor.id, "report", about.id, reason));
        const report: ReportReceived = {
          id,
          at,
          fromId: actor.id,
          fromName: actor.name,
          aboutId: about.id,
          aboutName: about.name,
          reason,
        };
        for (const other of hall.clients()) {
          const participant = participantOf(state, other);
          if (participant && can(participant.role, "read_audit")) other.send(REPORT_RECEIVED_MESSAGE, report);
        }
      }),
      audit_log: (client: HallClient, raw: unknown): Promise<AuditLogResponse> =>
        pipeline.run("audit_log", () =>
          pipeline.answer(client, "audit_log", async () => {
            if (!ClientMessages.audit_log.safeParse(raw).success) refused("invalid_message");
            actorOf(state, client, "read_audit");
            const entries = await store.listAudit(state.consultation.id);
            return { ok: true as const, entries, counts: countAuditActions(entries) };
          }),
        ),
    };
  }

  /** Stores a revocation in the room's order, then closes the connections of the session it ended. */
  revokeInvitation(change: InvitationRevocation): Promise<true> {
    const hall = this.#hall;
    return hall.pipeline.run("revoke_invitation", async () => {
      const holder = await hall.store.transaction((tx) => storeRevocation(tx, change));
      if (holder) letGo(hall, this.#held, holder, CLOSE_CODES.invitationRevoked, INVITATION_REVOKED_REASON);
      return true as const;
    });
  }

  /**
   * Whom `actor` may remove or ban: someone in the hall, checked like every targeted action, or someone
   * who came and left, checked by their stored role (the closed rule applies to both alike).
   */
  async #target(
    actor: Participant,
    action: "remove" | "ban",
    id: string,
    orRemoved = false,
  ): Promise<KnownPerson> {
    const state = this.#hall.state;
    if (state.participants.has(id)) {
      const present = targetOf(state, actor, action, id);
      return { id, role: present.role, present, record: undefined };
    }
    const check = checkTargetedAction(ranked(state, actor), action, { id, role: "citizen" });
    // Permission and self first, so that a citizen is refused alike whoever they name.
    if (!check.ok && check.code !== "protected_participant") refused(check.code);
    const known = await knownPerson(this.#hall, id, orRemoved);
    const allowed = checkTargetedAction(ranked(state, actor), action, ranked(state, known));
    if (!allowed.ok) refused(allowed.code);
    const closed = closedRefusal(state.consultation.phase, action);
    if (closed) refused(closed);
    return known;
  }

  /** The device key hashes `target` came with: the one they joined with and those of their connections. */
  async #devicesOf(target: KnownPerson): Promise<string[]> {
    const hall = this.#hall;
    const record = target.record ?? (await hall.store.findParticipant(target.id));
    const devices = new Set<string>();
    if (record?.deviceKeyHash) devices.add(record.deviceKeyHash);
    for (const other of hall.clients()) {
      const hash = other.userData?.participantId === target.id ? other.userData.deviceKeyHash : undefined;
      if (hash) devices.add(hash);
    }
    return [...devices];
  }

  /** The session ends for good: its status, the bans of its devices and the audit entry, in one transaction. */
  async #endSession(
    participantId: string,
    status: ParticipantStatus,
    devices: readonly string[],
    audit: NewAuditEntry,
  ): Promise<void> {
    const hall = this.#hall;
    await hall.store.transaction(async (tx) => {
      await tx.setParticipantStatus(participantId, status);
      for (const hash of devices)
        await tx.addBan(hall.state.consultation.id, hash, participantId, hall.now());
      await tx.appendAudit(audit);
    });
  }
}

/**
 * Closes every connection of a participant whose session ended (removed, banned, or come in through a
 * facilitator link that was replaced), with the reason they are given.
 */
export function letGo(
  hall: HallContext,
  held: HeldSeats,
  participantId: string,
  code: number,
  reason: string,
): void {
  hall.speech.release(participantId);
  for (const other of [...hall.clients()]) {
    if (other.userData?.participantId !== participantId) continue;
    other.userData.ended = true;
    other.leave(code, reason);
  }
  // Away on a held connection: the hold ends, so the SDK cannot bring them back.
  held.end(participantId);
  hall.voice.remove(hall.state.consultation.id, participantId).catch((error: unknown) => {
    serverLog.error("Voice removal failed:", error);
  });
  hall.speech.sync();
}
