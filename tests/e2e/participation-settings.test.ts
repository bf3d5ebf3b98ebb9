/**
 * Choices each participant makes for themselves: the interface starts in the consultation's language
 * and the switch changes it (remembered on the device, dates and numbers following); low-bandwidth mode
 * stops drawing other people's hands; and a headset user is offered seated play before entering VR.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { enterHall, type HallRoom, poseAt } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let browser: TestBrowser;
let visitor: HallRoom | null = null;
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
  await browser?.close();
  await server?.stop();
});

const heading = (page: Page) => page.locator("h1").first().textContent();

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

  it("stops drawing other people's hands in low-bandwidth mode, and draws them again after", {
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

    await page.getByTestId("low-bandwidth").uncheck();
    await waitUntil(page, "Bram's hands again", handsDrawn);
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
