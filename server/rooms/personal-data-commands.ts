/**
 * A person's rights over their own data, from the hall: "Download my data" (`my_data`) answers with
 * what the consultation holds about the sender; "Erase me" (`erase_me`) forgets them. Both are
 * commands in the room's one order, name nobody but the sender, and are counted in the audit log.
 *
 * Erasing forgets the pseudonym, colour and device key, the authorship of ideas and chat lines (they
 * stay, authorless), the voter of named ballots, and mentions of the pseudonym in the consultation's
 * texts (server/store/sql-personal-data.ts); anonymous ballots stay in the tallies. Then the room drops
 * the person from everyone's view and lets each of their connections go: the session is over.
 */

import { can } from "../../shared/consultation/permissions.ts";
import {
  CLOSE_CODES,
  ClientMessages,
  type EraseMeResponse,
  type MyDataResponse,
  PARTICIPANT_ERASED_MESSAGE,
  type ParticipantErased,
} from "../../shared/protocol/room-messages.ts";
import { personalDataExport } from "../consultations/personal-data-export.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import { actorOf, type HallClient, participantOf } from "./hall-client.ts";
import { auditEntry, type HallContext } from "./hall-context.ts";
import type { HeldSeats } from "./reconnection.ts";
import { refused } from "./refusal.ts";

export interface PersonalDataDeps {
  readonly held: HeldSeats;
  /** Reads the ideas wall and the chat again from the store, so that the room shows what it now holds. */
  readonly reloadTexts: () => Promise<void>;
}

export class PersonalDataCommands {
  readonly #hall: HallContext;
  readonly #deps: PersonalDataDeps;

  constructor(hall: HallContext, deps: PersonalDataDeps) {
    this.#hall = hall;
    this.#deps = deps;
  }

  get messages() {
    const hall = this.#hall;
    const { pipeline, state, store } = hall;
    return {
      my_data: (client: HallClient, raw: unknown): Promise<MyDataResponse> =>
        pipeline.answer(client, "my_data", () =>
          pipeline.run("my_data", async () => {
            if (!ClientMessages.my_data.safeParse(raw ?? {}).success) refused("invalid_message");
            const actor = actorOf(state, client, "own_data");
            const stored = await store.transaction(async (tx) => {
              await tx.appendAudit(auditEntry(hall, actor.id, "download_data"));
              return tx.personalData(state.consultation.id, actor.id);
            });
            if (!stored) refused("unknown_participant");
            return { ok: true as const, data: personalDataExport(stored, hall.now()) };
          }),
        ),
      erase_me: (client: HallClient, raw: unknown): Promise<EraseMeResponse> =>
        pipeline.answer(client, "erase_me", () =>
          pipeline.run("erase_me", async () => {
            if (!ClientMessages.erase_me.safeParse(raw ?? {}).success) refused("invalid_message");
            const actor = actorOf(state, client, "own_data");
            const record = await store.findParticipant(actor.id);
            if (!record || record.consultationId !== state.consultation.id) refused("unknown_participant");
            await store.transaction(async (tx) => {
              await tx.eraseParticipant(state.consultation.id, actor.id, record.displayName);
              // The entry keeps the (now nameless) id, so that facilitators count it and nothing more.
              await tx.appendAudit(auditEntry(hall, actor.id, "erase_self"));
            });
            await this.#forget(actor.id);
            return { ok: true as const };
          }),
        ),
    };
  }

  /** The room forgets someone just erased: their avatar, hand and floor, voice, and what names them. */
  async #forget(participantId: string): Promise<void> {
    const hall = this.#hall;
    const connections = hall.clients().filter((other) => other.userData?.participantId === participantId);
    // What these connections still send, waiting in the room's order, runs as nobody's.
    for (const connection of connections) if (connection.userData) connection.userData.ended = true;
    hall.state.participants.delete(participantId);
    hall.speech.release(participantId);
    hall.speech.sync();
    this.#deps.held.end(participantId);
    hall.voice.forget(hall.state.consultation.id, participantId);
    hall.voice.remove(hall.state.consultation.id, participantId).catch((error: unknown) => {
      serverLog.error(`Voice removal failed for ${participantId}:`, error);
    });
    await this.#deps.reloadTexts();
    const erased: ParticipantErased = { participantId };
    for (const other of hall.clients()) {
      const participant = participantOf(hall.state, other);
      if (participant && can(participant.role, "read_audit")) other.send(PARTICIPANT_ERASED_MESSAGE, erased);
    }
    // After the answer has gone out: the request's reply leaves before the connection closes.
    setTimeout(() => {
      for (const connection of connections) connection.leave(CLOSE_CODES.erasedOnRequest, "erased");
    }, 0);
  }
}
