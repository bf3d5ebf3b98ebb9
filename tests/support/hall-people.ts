/**
 * People in a hall for the integration suites: real SDK clients with the errors the room sent each,
 * and a hall of one facilitator and some citizens who all see one another.
 */
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "./room-clients.ts";
import type { TestServer } from "./test-server.ts";

export interface HallPerson {
  readonly join: JoinResponse;
  readonly room: HallRoom;
  readonly errors: { code: string; message: string }[];
  readonly id: string;
}

/** Enters the hall with `join` and waits for one's own avatar. */
export async function enterAs(server: TestServer, join: JoinResponse): Promise<HallPerson> {
  const room = await enterHall(server.url, join);
  // Reports reach facilitators only; tests that look for them register their own listener.
  room.onMessage("report_received", () => undefined);
  await waitFor("own avatar", () => room.state.participants?.has(join.participantId) === true);
  return { join, room, errors: collectErrors(room), id: join.participantId };
}

/**
 * A new consultation called `title` with its facilitator (Fatima) and a citizen for each of `names`
 * (joining with what `extra` gives for that name), everyone in the hall and seeing everyone.
 */
export async function hallWith(
  server: TestServer,
  title: string,
  names: readonly string[],
  extra: (name: string) => Record<string, unknown> = () => ({}),
) {
  const consultation = await server.createConsultation(title);
  const facilitator = await enterAs(
    server,
    await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima"),
  );
  const citizens: HallPerson[] = [];
  for (const name of names)
    citizens.push(await enterAs(server, await server.join(consultation.joinCode, name, extra(name))));
  const everyone = [facilitator, ...citizens];
  await waitFor("everyone to see everyone", () =>
    everyone.every((p) => p.room.state.participants.size === everyone.length),
  );
  return { consultation, facilitator, citizens, everyone };
}
