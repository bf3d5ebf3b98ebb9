/**
 * Choices each participant makes for themselves: the interface starts in the consultation's language
 * and the switch changes it (remembered on the device, dates and numbers following); low-bandwidth mode
 * stops drawing other people's hands and the room stops sending most of them; and a headset user is
 * offered seated play before entering VR.
 */
import { matchMaker } from "@colyseus/core";
import type { StateView } from "@colyseus/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOW_BANDWIDTH_FULL_RATE } from "../../shared/pose/interest.ts";
import type { TownHallState } from "../../shared/state/town-hall-state.ts";
import { launchBrowser, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { positionOf } from "../support/positions.ts";
import { enterHall, type HallRoom, poseAt, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let browser: TestBrowser;
let visitor: HallRoom | null = null;
const bystanders: HallRoom[] = [];
let posing: ReturnType<typeof setInterval> | null = null;
let consultation: { id: string; joinCode: string; facilitatorKey: string };

beforeAll(async () => {
  server = await startTestServer();
  // An English-speaking browser: the Dutch consultation must still greet it in Dutch.
  browser = await launchBrowser({ width: 1280, height: 900 }, ["--lang=en-US"]);
  const { body } = await server.post<typeof consultation>("/api/consultations", {
    title: "Fietsbrug",
    language: "nl",
  });
  consultation = body;
});

afterAll(async () => {
  if (posing) clearInterval(posing);
  await visitor?.leave().catch(() => undefined);
  await Promise.all(bystanders.map((room) => room.leave().catch(() => undefined)));
  await browser?.close();
  await server?.stop();
});

const heading = (page: Page) => page.locator("h1").first().textContent();

type LocalRoom = {
  state: TownHallState;
  clients: { userData?: { participantId: string }; view?: StateView }[];
};

function localRoom(roomId: string): LocalRoom {
  return matchMaker.getLocalRoomById(roomId) as unknown as LocalRoom;
}

function named(room: LocalRoom, name: string) {
  return [...room.state.participants.values()].find((participant) => participant.name === name);
}

/** How many others' full poses (hands included) the room sends to the participant called `name`. */
function fullPosesSentTo(roomId: string, name: string): number {
  const room = localRoom(roomId);
  const self = named(room, name);
  const view = room.clients.find((client) => client.userData?.participantId === self?.id)?.view;
  if (!self || !view) return -1;
  return [...room.state.participants.values()].filter((other) => other !== self && view.has(other)).length;
}

describe("a participant's own settings", () => {
  it("opens in the consultation's language, and the participant's own choice wins from then on", async () => {
    const page = browser.page;
    await page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    await page.getByTestId("display-name").waitFor();
    expect(await heading(page)).toBe("Deelnemen aan “Fietsbrug”");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("nl");

    await page.getByLabel("Taal van de interface").selectOption("fr");
    expect(await heading(page)).toBe("Rejoindre « Fietsbrug »");
    await page.reload();
    await page.getByTestId("display-name").waitFor();
    expect(await heading(page)).toBe("Rejoindre « Fietsbrug »");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
  });

  it("stops drawing other people's hands in low-bandwidth mode and has the room send fewer, then both come back", {
    timeout: 120_000,
  }, async () => {
    const page = browser.page;
    await page.getByTestId("display-name").fill("Ada");
    await page.getByTestId("accept-conduct").check();
    await page.getByTestId("enter-hall").click();
    await waitUntil(page, "the hall", "h.ready", 90_000);

    const join = await server.join(consultation.joinCode, "Bram");
    visitor = await enterHall(server.url, join, { device: "desktop" });
    let step = 0;
    posing = setInterval(() => visitor?.send("pose", poseAt(1 + (step++ % 2) * 0.01, 1.6, 2)), 100);
    const handsDrawn = `h.avatars().filter(a => a.name === "Bram" && a.leftHand && a.rightHand).length === 1`;
    await waitUntil(page, "Bram's hands", handsDrawn, 30_000);
    // Four people standing beside Ada: one more than the room sends in full in low-bandwidth mode.
    const roomId = visitor.roomId;
    const ada = positionOf(named(localRoom(roomId), "Ada")?.pose?.headPosition) ?? { x: 0, z: 0 };
    for (const [i, name] of ["Cor", "Dina", "Eef", "Fien"].entries()) {
      const bystander = await enterHall(server.url, await server.join(consultation.joinCode, name));
      bystander.send("pose", poseAt(ada.x - 1 + i * 0.5, 1.6, ada.z - 1.5));
      bystanders.push(bystander);
    }
    await waitFor("Ada to receive all four in full", () => fullPosesSentTo(roomId, "Ada") === 4, 5_000);

    await page.getByText("Son", { exact: true }).click();
    await page.getByTestId("low-bandwidth").check();
    await waitUntil(
      page,
      "Bram's hands to go",
      `h.avatars().some(a => a.name === "Bram" && !a.leftHand && !a.rightHand)`,
    );
    // His head is still drawn: only the hands are left out.
    expect(await hook<number>(page, `h.avatars().filter(a => a.name === "Bram").length`)).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem("plenum.lowBandwidth"))).toBe("on");
    await waitFor(
      "the room to send Ada fewer full poses",
      () => fullPosesSentTo(roomId, "Ada") === LOW_BANDWIDTH_FULL_RATE,
      5_000,
    );

    await page.getByTestId("low-bandwidth").uncheck();
    await waitUntil(page, "Bram's hands again", handsDrawn);
    await waitFor("Ada to receive all four in full again", () => fullPosesSentTo(roomId, "Ada") === 4, 5_000);
  });

  it("offers seated play beside Enter in VR, and keeps the choice for the headset", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/j/${consultation.joinCode}?test=1&xr=emulate`);
    const seated = page.getByTestId("seated-play");
    await seated.waitFor();
    expect(await seated.isChecked()).toBe(false);
    await seated.check();
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("plenum.xrSettings") ?? "{}"));
    expect(saved.seated).toBe(true);
    await page.close();
  });
});
