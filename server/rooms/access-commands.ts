/**
 * Who may take part, in the room: the facilitator changes the access mode (`set_access`), every
 * result says "open attendance" once anyone could have come in more than once (`openAttendance`), and
 * revoking an invitation (over HTTP) lets its holder go at once, in the room's order.
 */
import { isOpenAttendance } from "../../shared/consultation/access.ts";
import { CLOSE_CODES } from "../../shared/protocol/room-messages.ts";
import { REVOKED_REASON, type Revocation, storeRevocation } from "../consultations/invitations.ts";
import type { ConsultationRecord } from "../store/consultation-store.ts";
import { actorOf } from "./hall-client.ts";
import { auditEntry, type HallContext } from "./hall-context.ts";
import { letGo } from "./moderation-commands.ts";
import type { HeldSeats } from "./reconnection.ts";
import { refused } from "./refusal.ts";

export class AccessCommands {
  readonly #hall: HallContext;
  readonly #held: HeldSeats;

  constructor(hall: HallContext, held: HeldSeats) {
    this.#hall = hall;
    this.#held = held;
  }

  /** The mode as stored, and whether anyone already came in through the join code. */
  async restore(consultation: ConsultationRecord): Promise<void> {
    const info = this.#hall.state.consultation;
    info.access = consultation.access;
    info.openAttendance = isOpenAttendance(
      consultation.access,
      await this.#hall.store.countEnteredWithJoinCode(consultation.id),
    );
  }

  /** Someone entered the hall through `door`: through the join code, results are open attendance. */
  entered(door: string | undefined): void {
    if ((door ?? "join_code") === "join_code") this.#hall.state.consultation.openAttendance = true;
  }

  /** An invitation revoked over HTTP: stored in the room's order, then its holder is let go. */
  revoke(change: Revocation): Promise<boolean> {
    const hall = this.#hall;
    return hall.pipeline.run(async () => {
      const ended = await hall.store.transaction((tx) => storeRevocation(tx, change));
      if (ended) letGo(hall, this.#held, ended, CLOSE_CODES.removedByFacilitator, REVOKED_REASON);
      return ended !== undefined;
    });
  }

  get messages() {
    const hall = this.#hall;
    const { pipeline, state, store } = hall;
    return {
      set_access: pipeline.message("set_access", async (client, message) => {
        const actor = actorOf(state, client, "set_access");
        const from = state.consultation.access;
        if (message.access === from) return;
        if (message.access === "verified") refused("sign_in_unavailable");
        await store.transaction(async (tx) => {
          await tx.setAccess(state.consultation.id, message.access);
          await tx.appendAudit(
            auditEntry(hall, actor.id, "set_access", undefined, undefined, { from, to: message.access }),
          );
        });
        state.consultation.access = message.access;
        if (message.access === "open") state.consultation.openAttendance = true;
      }),
    };
  }
}
