/**
 * Who holds facilitator rights: the lead (the first to enter through the facilitator link) takes them
 * from other facilitators and co-facilitators (`demote_facilitator`, present or not), replaces the
 * facilitator link (ending, at once, every session that came in through it but the lead's), and
 * facilitators list everyone who came (`people`), with how each facilitator got their rights.
 */
import { checkTargetedAction } from "../../shared/consultation/moderation.ts";
import { isFacilitating } from "../../shared/consultation/roles.ts";
import {
  CLOSE_CODES,
  ClientMessages,
  type FacilitationGrant,
  type PeopleResponse,
  type PersonEntry,
} from "../../shared/protocol/room-messages.ts";
import {
  LINK_REPLACED_REASON,
  type LinkReplacement,
  storeLinkReplacement,
} from "../consultations/facilitator-link.ts";
import { actorOf, type HallClient, ranked } from "./hall-client.ts";
import { auditEntry, type HallContext } from "./hall-context.ts";
import { knownPerson } from "./known-person.ts";
import { letGo } from "./moderation-commands.ts";
import type { HeldSeats } from "./reconnection.ts";
import { refused } from "./refusal.ts";

/** The longest list a `people` request answers: the most recent arrivals past it are left out. */
export const PEOPLE_LIST_MAX = 5000;

export class FacilitationRights {
  readonly #hall: HallContext;
  readonly #held: HeldSeats;

  constructor(hall: HallContext, held: HeldSeats) {
    this.#hall = hall;
    this.#held = held;
  }

  /**
   * The lead replaced the facilitator link (over HTTP): stored in the room's order, then every session
   * that came in through the old link, except the lead's, is let go with the reason.
   */
  replaceLink(change: LinkReplacement): Promise<number> {
    const hall = this.#hall;
    return hall.pipeline.run("replace_facilitator_link", async () => {
      const ended = await hall.store.transaction((tx) => storeLinkReplacement(tx, change));
      for (const id of ended)
        letGo(hall, this.#held, id, CLOSE_CODES.facilitatorLinkReplaced, LINK_REPLACED_REASON);
      return ended.length;
    });
  }

  get messages() {
    const hall = this.#hall;
    const { pipeline, state, store } = hall;
    return {
      demote_facilitator: pipeline.message("demote_facilitator", async (client, message) => {
        const actor = actorOf(state, client, "demote_facilitator");
        const target = await knownPerson(hall, message.participantId);
        const check = checkTargetedAction(ranked(state, actor), "demote_facilitator", ranked(state, target));
        if (!check.ok) refused(check.code);
        if (!isFacilitating(target.role)) refused("already_in_role");
        await store.transaction(async (tx) => {
          await tx.setParticipantRole(target.id, "citizen");
          await tx.appendAudit(
            auditEntry(hall, actor.id, "set_role", target.id, undefined, {
              from: target.role,
              to: "citizen",
            }),
          );
        });
        if (target.present) target.present.role = "citizen";
        for (const other of hall.clients()) {
          if (other.userData?.participantId === target.id && other.userData.console)
            other.userData.console.role = "citizen";
        }
        hall.speech.sync();
      }),
      people: (client: HallClient, raw: unknown): Promise<PeopleResponse> =>
        pipeline.answer(client, "people", () =>
          pipeline.run("people", async () => {
            if (!ClientMessages.people.safeParse(raw).success) refused("invalid_message");
            actorOf(state, client, "list_people");
            return { ok: true as const, people: await this.#people() };
          }),
        ),
    };
  }

  /** Everyone who came, facilitators first, each with whether they are here now. */
  async #people(): Promise<PersonEntry[]> {
    const hall = this.#hall;
    const id = hall.state.consultation.id;
    const records = (await hall.store.listParticipants(id)).slice(-PEOPLE_LIST_MAX);
    const promotedBy = new Map<string, string>();
    for (const entry of await hall.store.listAudit(id)) {
      if (entry.action === "set_role" && entry.targetId && entry.detail?.to === "co_facilitator")
        promotedBy.set(entry.targetId, entry.actorName ?? "");
    }
    const connected = new Set<string>();
    for (const client of hall.clients())
      if (client.userData && !client.userData.ended) connected.add(client.userData.participantId);
    const people = records.map((record): PersonEntry => {
      const present = hall.state.participants.get(record.id);
      const role = present?.role ?? record.role;
      const grant: FacilitationGrant | undefined =
        role === "facilitator"
          ? { kind: record.id === hall.state.consultation.leadId ? "lead" : "facilitator_link" }
          : role === "co_facilitator"
            ? { kind: "promoted", byName: promotedBy.get(record.id) ?? "" }
            : undefined;
      return {
        id: record.id,
        name: record.displayName,
        color: record.color,
        role,
        status: record.status ?? "active",
        door: record.door ?? "join_code",
        present: record.status === "active" && (present !== undefined || connected.has(record.id)),
        ...(record.enteredAt === undefined ? {} : { enteredAt: record.enteredAt }),
        ...(grant && record.status === "active" ? { grant } : {}),
      };
    });
    const rank = (person: PersonEntry) =>
      person.grant?.kind === "lead"
        ? 0
        : person.grant?.kind === "facilitator_link"
          ? 1
          : person.grant
            ? 2
            : 3;
    return people.sort(
      (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
  }
}
