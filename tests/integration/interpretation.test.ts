/**
 * Interpretation through the room, with real SDK clients: facilitators assign interpreters, an
 * interpreter chooses a channel and goes live, two of them hand over, and nobody else can do any of it.
 * Voice enforcement is recorded instead of sent to LiveKit, so that the right to publish each decision
 * gives is checked too. The server's clock can be moved on, so that the report's minutes of
 * interpretation are measured without waiting for them.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { CloseCode } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutcomeReport } from "../../shared/consultation/outcome-report.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterAs, type HallPerson, hallWith } from "../support/hall-people.ts";
import { recordedVoice } from "../support/recorded-voice.ts";
import { waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const { calls, voice } = recordedVoice();
let server: TestServer;
let db: DatabaseSync;
/** How far the server's clock is ahead of the real one. */
let skewMs = 0;
const MINUTE = 60_000;

beforeAll(async () => {
  server = await startTestServer({}, { voice, now: () => Date.now() + skewMs });
  db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
});

afterAll(async () => {
  db.close();
  await server.stop();
});

type Person = HallPerson;
const enter = (join: JoinResponse) => enterAs(server, join);
const hall = async (title: string, names: string[]) => {
  const { citizens, ...rest } = await hallWith(server, title, names);
  return { ...rest, people: citizens };
};

const seenBy = (viewer: Person, person: Person) => viewer.room.state.participants.get(person.id);

function storedRole(id: string): string {
  return String((db.prepare("SELECT role FROM participants WHERE id = ?").get(id) as { role: string }).role);
}

async function refusedWith(person: Person, send: () => void): Promise<string> {
  const before = person.errors.length;
  send();
  await waitFor("the refusal", () => person.errors.length > before);
  return person.errors[before]?.code ?? "none";
}

async function leaveAll(people: Person[]) {
  await Promise.all(people.map((p) => p.room.leave().catch(() => undefined)));
}

describe("assigning interpreters", () => {
  it("makes a citizen an interpreter for a pair: stored, audited, out of the queue and off the floor", async () => {
    const { facilitator, people, everyone } = await hall("Assign", ["Anna", "Cas"]);
    const [anna, cas] = people as [Person, Person];
    anna.room.send("raise_hand", {});
    await waitFor("Anna's hand", () => seenBy(facilitator, anna)?.handRaised === true);
    facilitator.room.send("give_floor", { participantId: anna.id });
    await waitFor("Anna's floor", () => seenBy(facilitator, anna)?.hasFloor === true);

    facilitator.room.send("assign_interpreter", { participantId: anna.id, languages: ["nl", "fr"] });
    await waitFor("Cas to see the interpreter", () => seenBy(cas, anna)?.role === "interpreter");
    const seen = seenBy(cas, anna);
    expect([...(seen?.interpreterLanguages ?? [])]).toEqual(["nl", "fr"]);
    expect(seen?.hasFloor).toBe(false);
    expect(seen?.handRaised).toBe(false);
    expect(seen?.interpreting).toBe("");
    expect(seen?.interpreterLive).toBe(false);
    expect(seen?.canSpeak).toBe(false);
    expect(cas.room.state.floor.holderId).toBe("");
    expect(storedRole(anna.id)).toBe("interpreter");
    const audit = db
      .prepare("SELECT action, detail FROM audit_log WHERE target_id = ? ORDER BY id DESC LIMIT 1")
      .get(anna.id) as { action: string; detail: string };
    expect(audit.action).toBe("set_role");
    expect(JSON.parse(audit.detail)).toMatchObject({
      from: "citizen",
      to: "interpreter",
      languages: "nl fr",
    });

    // Never in the queue, never on the floor.
    expect(await refusedWith(anna, () => anna.room.send("raise_hand", {}))).toBe("not_allowed");
    expect(
      await refusedWith(facilitator, () => facilitator.room.send("give_floor", { participantId: anna.id })),
    ).toBe("not_a_speaker");
    expect(seenBy(facilitator, anna)?.handRaised).toBe(false);
    await leaveAll(everyone);
  });

  it("refuses a pair that is not two languages of the hall, a facilitator as interpreter, and the same pair twice", async () => {
    const { facilitator, people, everyone } = await hall("Bad pairs", ["Anna", "Cas"]);
    const [anna, cas] = people as [Person, Person];
    const send = (languages: unknown) =>
      refusedWith(facilitator, () =>
        facilitator.room.send("assign_interpreter", { participantId: anna.id, languages }),
      );
    expect(await send(["nl", "nl"])).toBe("invalid_language_pair");
    expect(await send(["nl", "de"])).toBe("invalid_message");
    expect(await send(["nl"])).toBe("invalid_message");
    expect(
      await refusedWith(facilitator, () =>
        facilitator.room.send("assign_interpreter", {
          participantId: facilitator.id,
          languages: ["nl", "fr"],
        }),
      ),
    ).toBe("cannot_target_self");
    expect(seenBy(cas, anna)?.role).toBe("citizen");
    expect(storedRole(anna.id)).toBe("citizen");

    // A co-facilitator may assign, but is not assigned until demoted.
    facilitator.room.send("set_role", { participantId: cas.id, role: "co_facilitator" });
    await waitFor("Cas co-facilitates", () => seenBy(cas, cas)?.role === "co_facilitator");
    expect(
      await refusedWith(facilitator, () =>
        facilitator.room.send("assign_interpreter", { participantId: cas.id, languages: ["nl", "fr"] }),
      ),
    ).toBe("protected_participant");
    cas.room.send("assign_interpreter", { participantId: anna.id, languages: ["fr", "en"] });
    await waitFor("Anna interprets", () => seenBy(facilitator, anna)?.role === "interpreter");
    // Asked by Cas: the facilitator has used up the burst of error replies the room gives one sender.
    expect(
      await refusedWith(cas, () =>
        cas.room.send("assign_interpreter", { participantId: anna.id, languages: ["fr", "en"] }),
      ),
    ).toBe("already_in_role");
    expect(
      await refusedWith(anna, () =>
        anna.room.send("assign_interpreter", { participantId: cas.id, languages: ["nl", "fr"] }),
      ),
    ).toBe("not_allowed");
    await leaveAll(everyone);
  });
});

describe("interpreting", () => {
  it("lets an interpreter speak into a channel of their pair only while live, whatever the speaking mode", async () => {
    const { facilitator, people, everyone } = await hall("Live", ["Anna", "Cas"]);
    const [anna, cas] = people as [Person, Person];
    facilitator.room.send("assign_interpreter", { participantId: anna.id, languages: ["nl", "fr"] });
    await waitFor("Anna interprets", () => seenBy(anna, anna)?.role === "interpreter");

    expect(await refusedWith(anna, () => anna.room.send("interpreter_live", { live: true }))).toBe(
      "no_channel_chosen",
    );
    expect(await refusedWith(anna, () => anna.room.send("interpret_into", { language: "en" }))).toBe(
      "language_not_in_pair",
    );
    expect(await refusedWith(anna, () => anna.room.send("mute", { muted: false }))).toBe(
      "interpreter_not_live",
    );
    anna.room.send("interpret_into", { language: "fr" });
    await waitFor("Anna's channel", () => seenBy(cas, anna)?.interpreting === "fr");
    expect(seenBy(cas, anna)?.interpreterLive).toBe(false);

    calls.length = 0;
    anna.room.send("interpreter_live", { live: true });
    await waitFor("Anna live", () => seenBy(cas, anna)?.interpreterLive === true);
    // Town-hall mode, no floor: she speaks all the same, and the voice service lets her publish.
    expect(facilitator.room.state.consultation.mode).toBe("town_hall");
    expect(seenBy(cas, anna)?.canSpeak).toBe(true);
    await waitFor("voice lets Anna publish", () => calls.includes(`${anna.id}:speak`));
    anna.room.send("mute", { muted: false });
    await waitFor("Anna unmuted", () => seenBy(cas, anna)?.muted === false);

    // One switch flips the direction when the floor changes language, live all along.
    anna.room.send("interpret_into", { language: "nl" });
    await waitFor("Anna into Dutch", () => seenBy(cas, anna)?.interpreting === "nl");
    expect(seenBy(cas, anna)?.interpreterLive).toBe(true);
    expect(seenBy(cas, anna)?.canSpeak).toBe(true);

    calls.length = 0;
    anna.room.send("interpreter_live", { live: false });
    await waitFor("Anna off the air", () => seenBy(cas, anna)?.interpreterLive === false);
    expect(seenBy(cas, anna)?.canSpeak).toBe(false);
    expect(seenBy(cas, anna)?.muted).toBe(true);
    await waitFor("voice stops Anna publishing", () => calls.includes(`${anna.id}:silent`));

    // A facilitator's mute holds an interpreter too.
    anna.room.send("interpreter_live", { live: true });
    await waitFor("Anna live again", () => seenBy(cas, anna)?.canSpeak === true);
    facilitator.room.send("mute_participant", { participantId: anna.id });
    await waitFor("Anna muted", () => seenBy(cas, anna)?.canSpeak === false);
    expect(await refusedWith(anna, () => anna.room.send("mute", { muted: false }))).toBe(
      "muted_by_facilitator",
    );
    await leaveAll(everyone);
  });

  it("keeps one live interpreter per channel: the incoming one takes over, the outgoing one goes silent", async () => {
    const { facilitator, people, everyone } = await hall("Handover", ["Anna", "Bram", "Emma", "Cas"]);
    const [anna, bram, emma, cas] = people as [Person, Person, Person, Person];
    for (const [person, languages] of [
      [anna, ["nl", "fr"]],
      [bram, ["nl", "fr"]],
      [emma, ["en", "nl"]],
    ] as const) {
      facilitator.room.send("assign_interpreter", { participantId: person.id, languages });
      await waitFor("interpreter assigned", () => seenBy(person, person)?.role === "interpreter");
      person.room.send("interpret_into", { language: person === emma ? "nl" : "fr" });
      await waitFor("channel chosen", () => seenBy(cas, person)?.interpreting !== "");
    }
    anna.room.send("interpreter_live", { live: true });
    emma.room.send("interpreter_live", { live: true });
    await waitFor(
      "Anna and Emma live",
      () => seenBy(cas, anna)?.interpreterLive === true && seenBy(cas, emma)?.interpreterLive === true,
    );

    calls.length = 0;
    bram.room.send("interpreter_live", { live: true });
    await waitFor("Bram takes over French", () => seenBy(cas, bram)?.interpreterLive === true);
    expect(seenBy(cas, anna)?.interpreterLive).toBe(false);
    expect(seenBy(cas, anna)?.canSpeak).toBe(false);
    expect(seenBy(cas, emma)?.interpreterLive).toBe(true);
    await waitFor(
      "voice silences Anna and lets Bram publish",
      () => calls.includes(`${anna.id}:silent`) && calls.includes(`${bram.id}:speak`),
    );

    // Bram flips into Dutch while live: Emma, live into Dutch, hands over to him.
    bram.room.send("interpret_into", { language: "nl" });
    await waitFor("Bram into Dutch", () => seenBy(cas, bram)?.interpreting === "nl");
    expect(seenBy(cas, bram)?.interpreterLive).toBe(true);
    expect(seenBy(cas, emma)?.interpreterLive).toBe(false);
    const live = [...cas.room.state.participants.values()].filter((p) => p.interpreterLive);
    expect(live.map((p) => `${p.id}:${p.interpreting}`)).toEqual([`${bram.id}:nl`]);
    await leaveAll(everyone);
  });

  it("refuses interpreting to everyone who is not an interpreter, and ends it with the role", async () => {
    const { facilitator, people, everyone } = await hall("Not an interpreter", ["Anna", "Cas"]);
    const [anna, cas] = people as [Person, Person];
    for (const person of [cas, facilitator]) {
      expect(await refusedWith(person, () => person.room.send("interpret_into", { language: "fr" }))).toBe(
        "not_allowed",
      );
      expect(await refusedWith(person, () => person.room.send("interpreter_live", { live: true }))).toBe(
        "not_allowed",
      );
    }
    expect(
      await refusedWith(cas, () =>
        cas.room.send("assign_interpreter", { participantId: anna.id, languages: ["nl", "fr"] }),
      ),
    ).toBe("not_allowed");
    expect(seenBy(facilitator, anna)?.role).toBe("citizen");
    expect(seenBy(facilitator, cas)?.interpreting).toBe("");

    facilitator.room.send("assign_interpreter", { participantId: anna.id, languages: ["nl", "fr"] });
    await waitFor("Anna interprets", () => seenBy(anna, anna)?.role === "interpreter");
    anna.room.send("interpret_into", { language: "fr" });
    anna.room.send("interpreter_live", { live: true });
    await waitFor("Anna live", () => seenBy(cas, anna)?.interpreterLive === true);
    facilitator.room.send("set_role", { participantId: anna.id, role: "citizen" });
    await waitFor("Anna a citizen again", () => seenBy(cas, anna)?.role === "citizen");
    const seen = seenBy(cas, anna);
    expect([...(seen?.interpreterLanguages ?? [])]).toEqual([]);
    expect(seen?.interpreting).toBe("");
    expect(seen?.interpreterLive).toBe(false);
    expect(seen?.canSpeak).toBe(false);
    expect(await refusedWith(anna, () => anna.room.send("interpreter_live", { live: true }))).toBe(
      "not_allowed",
    );
    await leaveAll(everyone);
  });

  it("gives an interpreter who left and came back their pair and channel, off the air", async () => {
    const { facilitator, people, everyone } = await hall("Come back", ["Anna", "Cas"]);
    const [anna, cas] = people as [Person, Person];
    facilitator.room.send("assign_interpreter", { participantId: anna.id, languages: ["nl", "fr"] });
    await waitFor("Anna interprets", () => seenBy(anna, anna)?.role === "interpreter");
    anna.room.send("interpret_into", { language: "fr" });
    anna.room.send("interpreter_live", { live: true });
    await waitFor("Anna live", () => seenBy(cas, anna)?.interpreterLive === true);
    await anna.room.leave();
    await waitFor("Anna gone", () => !cas.room.state.participants.has(anna.id));
    const back = await enter(anna.join);
    await waitFor("Anna back", () => seenBy(cas, back)?.role === "interpreter");
    await waitFor("her pair", () => seenBy(cas, back)?.interpreterLanguages.length === 2);
    expect(seenBy(cas, back)?.interpreting).toBe("fr");
    expect(seenBy(cas, back)?.interpreterLive).toBe(false);
    await leaveAll([...everyone.filter((p) => p !== anna), back]);
  });
});

describe("minutes of interpretation", () => {
  it("counts each channel while someone is live in it: a handover once, off the air, a departure and a lost connection stop it", async () => {
    const { facilitator, people } = await hall("Minutes", ["Anna", "Bram", "Emma", "Cas"]);
    const [anna, bram, emma, cas] = people as [Person, Person, Person, Person];
    const consultationId = facilitator.room.state.consultation.id;
    for (const [person, languages, into] of [
      [anna, ["nl", "fr"], "fr"],
      [bram, ["nl", "fr"], "fr"],
      [emma, ["en", "nl"], "en"],
    ] as const) {
      facilitator.room.send("assign_interpreter", { participantId: person.id, languages });
      await waitFor("the interpreter", () => seenBy(person, person)?.interpreterLanguages.length === 2);
      person.room.send("interpret_into", { language: into });
      await waitFor("the channel", () => seenBy(cas, person)?.interpreting === into);
    }
    const live = async (person: Person, on: boolean) => {
      person.room.send("interpreter_live", { live: on });
      await waitFor("on or off the air", () => seenBy(cas, person)?.interpreterLive === on);
    };

    // French: Anna 10 min, Bram takes over for 5, then off the air for 20 that do not count.
    await live(anna, true);
    skewMs += 10 * MINUTE;
    await live(bram, true);
    expect(seenBy(cas, anna)?.interpreterLive).toBe(false);
    skewMs += 5 * MINUTE;
    await live(bram, false);
    skewMs += 20 * MINUTE;
    // English: Emma 3 min, then she leaves; 10 min pass without her.
    await live(emma, true);
    skewMs += 3 * MINUTE;
    await emma.room.leave();
    await waitFor("Emma gone", () => !cas.room.state.participants.has(emma.id));
    skewMs += 10 * MINUTE;
    // French again: Anna 2 min, then her connection drops and stays away; 30 min pass.
    await live(anna, true);
    skewMs += 2 * MINUTE;
    anna.room.reconnection.enabled = false;
    anna.room.connection.close(CloseCode.MAY_TRY_RECONNECT, "offline");
    await waitFor("Anna reconnecting", () => seenBy(cas, anna)?.connection === "reconnecting");
    skewMs += 30 * MINUTE;

    const closed = (await facilitator.room.request("close_consultation", {})) as { ok: boolean };
    expect(closed.ok).toBe(true);
    const rows = db
      .prepare("SELECT language, ms FROM interpretation_time WHERE consultation_id = ? ORDER BY rowid")
      .all(consultationId) as { language: string; ms: number }[];
    // The handover is one stretch of 15 min, not two.
    expect(rows.map((row) => row.language)).toEqual(["fr", "en", "fr"]);
    const minutes = rows.map((row) => row.ms / MINUTE);
    for (const [i, expected] of [15, 3, 2].entries()) {
      expect(minutes[i]).toBeGreaterThanOrEqual(expected);
      // Only the real seconds the test took on top of the moved clock.
      expect(minutes[i]).toBeLessThan(expected + 0.5);
    }
    const report = (await (
      await fetch(`${server.url}/c/${consultationId}/report.json`)
    ).json()) as OutcomeReport;
    expect(report.interpretation?.minutesByLanguage.nl).toBe(0);
    expect(report.interpretation?.minutesByLanguage.fr).toBeGreaterThanOrEqual(17);
    expect(report.interpretation?.minutesByLanguage.fr).toBeLessThan(18);
    expect(report.interpretation?.minutesByLanguage.en).toBeGreaterThanOrEqual(3);
    expect(report.interpretation?.minutesByLanguage.en).toBeLessThan(3.5);
    await leaveAll([facilitator, bram, cas]);
  });
});
