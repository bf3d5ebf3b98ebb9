/**
 * Personal data is purged after the retention period (an injected clock stands in for the days),
 * at start-up and by the daily job; aggregates and the published report stay.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpired, startRetention } from "../../server/store/retention.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 10);
let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "plenum-retention-"));
  store = new SqliteStore(path.join(dir, "plenum.sqlite"));
  for (const [id, createdAt] of [
    ["old", T0],
    ["recent", T0 + 20 * DAY],
  ] as const) {
    await store.createConsultation({
      id,
      title: id,
      language: "en",
      joinCode: `${id}-code`,
      facilitatorKeyHash: `${id}-hash`,
      createdAt,
      codeOfConduct: "",
    });
    await store.addParticipant({
      id: `${id}-p`,
      consultationId: id,
      displayName: `Name of ${id}`,
      color: "#123456",
      role: "citizen",
      createdAt,
      deviceKeyHash: "device",
    });
    await store.addIdea(id, {
      id: `${id}-idea`,
      text: "An idea",
      authorId: `${id}-p`,
      authorName: "",
      createdAt,
      pinned: false,
      hidden: false,
      hiddenReason: undefined,
      clusterId: undefined,
      voterIds: [],
    });
    await store.savePoll(
      id,
      {
        id: `${id}-poll`,
        question: "Q",
        kind: "single",
        options: ["a", "b"],
        maxChoices: 1,
        scaleMax: 5,
        anonymous: false,
        reveal: "live",
        status: "open",
      },
      createdAt,
    );
    await store.castBallot({
      pollId: `${id}-poll`,
      voterId: `${id}-p`,
      ballotKey: "k",
      namedVoterId: `${id}-p`,
      choices: [1],
    });
    await store.appendAudit({
      consultationId: id,
      at: createdAt,
      actorId: `${id}-p`,
      action: "report",
      targetId: `${id}-p`,
      reason: `about Name of ${id}`,
      detail: undefined,
    });
    await store.saveReport(id, createdAt, { figures: 1 });
  }
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("retention", () => {
  it("keeps everything before the period ends", async () => {
    expect(await purgeExpired(store, 30, T0 + 29 * DAY)).toBe(0);
    expect((await store.findParticipant("old-p"))?.displayName).toBe("Name of old");
  });

  it("purges names, idea authors, named voters and audit names, and keeps outcomes", async () => {
    let clock = T0 + 29 * DAY;
    const stop = await startRetention(store, 30, () => clock);
    stop();
    clock = T0 + 31 * DAY;
    expect(await purgeExpired(store, 30, clock)).toBe(1);
    expect((await store.findParticipant("old-p"))?.displayName).toBe("");
    expect((await store.findParticipant("old-p"))?.deviceKeyHash).toBeUndefined();
    const [idea] = await store.listIdeas("old");
    expect(idea).toMatchObject({ text: "An idea", authorId: undefined, authorName: "" });
    expect(await store.listBallots("old-poll")).toEqual([{ ballotKey: undefined, choices: [1] }]);
    const [entry] = await store.listAudit("old");
    expect(entry).toMatchObject({
      action: "report",
      actorId: undefined,
      targetId: undefined,
      reason: undefined,
    });
    expect(await store.findReport("old")).toMatchObject({ report: { figures: 1 } });
    // The newer consultation is untouched.
    expect((await store.findParticipant("recent-p"))?.displayName).toBe("Name of recent");
    expect((await store.listIdeas("recent"))[0]?.authorName).toBe("Name of recent");
    // Purging again finds nothing left to forget.
    expect(await purgeExpired(store, 30, clock)).toBe(0);
  });

  it("runs at start-up with the injected clock", async () => {
    const stop = await startRetention(store, 30, () => T0 + 60 * DAY);
    stop();
    expect((await store.findParticipant("recent-p"))?.displayName).toBe("");
  });
});
