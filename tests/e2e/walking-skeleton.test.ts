/**
 * Two real browsers meet in the hall through the real UI: one creates the consultation and enters as
 * facilitator, the other joins with the code; each sees the other, and walking on one shows on the other.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canvasColourCount, launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface HookAvatar {
  id: string;
  name: string;
  x: number;
  y: number;
  z: number;
}

interface HookParticipant {
  id: string;
  name: string;
  role: string;
  device: string;
}

let server: TestServer;
let alice: TestBrowser;
let bram: TestBrowser;
let joinCode = "";

async function avatarNamed(page: Page, name: string): Promise<HookAvatar | undefined> {
  const avatars = (await hook<HookAvatar[]>(page, "h.avatars()")) ?? [];
  return avatars.find((avatar) => avatar.name === name);
}

beforeAll(async () => {
  server = await startTestServer();
  [alice, bram] = await Promise.all([launchBrowser(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([alice?.close(), bram?.close()]);
  await server?.stop();
});

describe("walking skeleton in real browsers", () => {
  it("creates a consultation through the home page and shows the join code and facilitator link", async () => {
    const page = alice.page;
    await page.goto(`${server.url}/?test=1`);
    await page.getByTestId("create-title").fill("Market square redesign");
    await page.getByTestId("create-language").selectOption("en");
    await page.getByTestId("create-submit").click();
    await page.getByTestId("join-code").waitFor();
    joinCode = ((await page.getByTestId("join-code").textContent()) ?? "").replace(/[^A-Z0-9]/g, "");
    expect(joinCode).toMatch(/^[A-Z0-9]{6}$/);
    const facilitatorLink = (await page.getByTestId("facilitator-link").textContent()) ?? "";
    expect(facilitatorLink).toContain("/f/");
  });

  it("shows a clear message for an unknown join code", async () => {
    const page = bram.page;
    await page.goto(`${server.url}/j/AAAAAA?test=1`);
    const message = page.getByTestId("join-error");
    await message.waitFor({ timeout: 10_000 });
    expect((await message.textContent())?.length ?? 0).toBeGreaterThan(10);
    // The browser logs the refused lookup itself; that one 404 is the expected answer, not a fault.
    expect(bram.errors.filter((error) => !error.includes("404"))).toEqual([]);
    bram.errors.length = 0;
  });

  it("brings both people into the hall, each seeing the other's avatar", async () => {
    await alice.page.getByTestId("enter-as-facilitator").click();
    await alice.page.getByTestId("display-name").fill("Alice");
    await alice.page.getByTestId("accept-conduct").check();
    await alice.page.getByTestId("enter-hall").click();

    await bram.page.goto(`${server.url}/?test=1`);
    await bram.page.getByTestId("home-code-input").fill(joinCode.toLowerCase());
    await bram.page.getByTestId("home-code-submit").click();
    await bram.page.getByTestId("display-name").fill("Bram");
    await bram.page.getByTestId("accept-conduct").check();
    await bram.page.getByTestId("enter-hall").click();

    await waitUntil(alice.page, "Alice's hall to be ready", "h.ready");
    await waitUntil(bram.page, "Bram's hall to be ready", "h.ready");
    await waitUntil(alice.page, "Bram's avatar at Alice", "h.avatars().some(a => a.name === 'Bram')");
    await waitUntil(bram.page, "Alice's avatar at Bram", "h.avatars().some(a => a.name === 'Alice')");

    const participants = (await hook<HookParticipant[]>(bram.page, "h.participants()")) ?? [];
    expect(participants.find((p) => p.name === "Alice")?.role).toBe("facilitator");
    expect(participants.find((p) => p.name === "Bram")?.role).toBe("citizen");
    const list = bram.page.getByTestId("participant-list");
    await expect.poll(async () => list.textContent()).toContain("Alice");

    // Let the avatars' interpolation settle, then look at what each person sees.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [browser, name] of [
      [alice, "hall-alice"],
      [bram, "hall-bram"],
    ] as const) {
      await saveScreenshot(browser.page, name);
      expect(await canvasColourCount(browser.page), `${name} canvas colours`).toBeGreaterThan(30);
      const info = (await hook<{ calls: number; triangles: number }>(browser.page, "h.renderInfo()")) ?? {
        calls: 0,
        triangles: 0,
      };
      expect(info.calls).toBeGreaterThan(3);
      expect(info.triangles).toBeGreaterThan(1000);
    }
  });

  it("moves Alice's avatar on Bram's screen when Alice walks with the keyboard", async () => {
    const before = await avatarNamed(bram.page, "Alice");
    expect(before).toBeDefined();
    const selfBefore = (await hook<{ x: number; z: number }>(alice.page, "h.self()")) ?? { x: 0, z: 0 };
    await alice.page.keyboard.down("w");
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await alice.page.keyboard.up("w");
    const selfAfter = (await hook<{ x: number; z: number }>(alice.page, "h.self()")) ?? { x: 0, z: 0 };
    const walked = Math.hypot(selfAfter.x - selfBefore.x, selfAfter.z - selfBefore.z);
    expect(walked, "Alice walked on her own screen").toBeGreaterThan(0.8);

    const distanceToWhereAliceIs = async () => {
      const seen = await avatarNamed(bram.page, "Alice");
      return seen ? Math.hypot(seen.x - selfAfter.x, seen.z - selfAfter.z) : Number.POSITIVE_INFINITY;
    };
    await expect.poll(distanceToWhereAliceIs, { timeout: 5000, interval: 50 }).toBeLessThan(0.15);
    const after = await avatarNamed(bram.page, "Alice");
    expect(
      Math.hypot((after?.x ?? 0) - (before?.x ?? 0), (after?.z ?? 0) - (before?.z ?? 0)),
    ).toBeGreaterThan(0.8);
    // Alice now stands ahead of Bram, so his view shows her avatar: the picture for the README and for people.
    await saveScreenshot(bram.page, "hall-bram-sees-alice");
  });

  it("logged no page errors in either browser", () => {
    expect(alice.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
  });
});
