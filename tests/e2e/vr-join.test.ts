/**
 * The join page's "Enter in VR" on an emulated headset (IWER's Meta Quest 3 in headless Chromium):
 * the session is asked for inside the join click, before the hall's code is loaded, and the hall takes
 * it over; the citizen lands in the hall already in VR, the room learns she wears a headset, and her
 * head moves her avatar on a desktop page. A desktop without WebXR is not offered the button. Ada reads
 * French: her hand menu draws its accents with the headset font Plenum serves, with no glyph missing.
 */
import { describe, expect, it } from "vitest";
import { saveScreenshot } from "../support/browser.ts";
import { headsetWithDesktop } from "../support/headset-with-desktop.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { expectDrawnNear, type Point, participantNamed, VR_TEST_TIMEOUT_MS } from "../support/vr-emulator.ts";

/** uikit's warnings for characters its font has no glyph for (it draws an empty box instead). */
const missingGlyphs: string[] = [];
const fontFiles: string[] = [];

/** Ada in the emulated headset, reading French; Bram at a desktop. */
const stage = headsetWithDesktop({
  headsetViewport: { width: 640, height: 400 },
  prepare: async ({ headset }) => {
    await headset.context.addInitScript(() => localStorage.setItem("plenum.language", "fr"));
    headset.page.on("console", (message) => {
      if (message.text().includes("Missing glyph")) missingGlyphs.push(message.text());
    });
    headset.page.on("request", (request) => {
      if (request.url().includes("inter-semibold-msdf")) fontFiles.push(request.url());
    });
  },
});
const { server, headset: ada, desktop: bram, device, nextFrames, openHandMenu } = stage;

describe("entering VR straight from the join page", () => {
  it(
    "lands Ada in the hall in VR, seen by a desktop page as a headset that moves with her",
    async () => {
      const { joinCode } = await server.createConsultation("Night buses");
      await bram.page.goto(`${server.url}/j/${joinCode}?test=1`);
      await bram.page.getByTestId("display-name").fill("Bram");
      await bram.page.getByTestId("accept-conduct").check();
      // The desktop has no WebXR runtime: its join page offers only the ordinary door.
      expect(await bram.page.getByTestId("enter-hall-vr").count()).toBe(0);
      await bram.page.getByTestId("enter-hall").click();
      await waitUntil(bram.page, "Bram's hall", "h.ready", 60_000);

      await ada.page.goto(`${server.url}/j/${joinCode}?test=1&xr=emulate`);
      await ada.page.getByTestId("display-name").fill("Ada");
      await ada.page.getByTestId("accept-conduct").check();
      await ada.page.getByTestId("enter-hall-vr").click();
      await waitUntil(ada.page, "Ada's hall", "h.ready", 60_000);
      await waitUntil(ada.page, "Ada's VR session", "h.xr().presenting");
      // Nobody pressed the hall's own VR button: this is the session asked for at the door.
      await expect
        .poll(async () => (await participantNamed(bram.page, "Ada"))?.device, { timeout: 20_000 })
        .toBe("headset");
      await waitUntil(bram.page, "Ada's avatar at Bram", "h.avatars().some(a => a.name === 'Ada')");

      // The hall's XR frame loop runs in that session: moving the headset moves her avatar for Bram.
      await device("d.position.set(0, 1.6, 0);");
      await nextFrames();
      const before = await hook<Point>(ada.page, "h.self()");
      await device("d.position.set(0.8, 1.6, -0.6);");
      await nextFrames();
      const after = await hook<Point>(ada.page, "h.self()");
      expect(Math.hypot(after.x - before.x, after.z - before.z)).toBeCloseTo(1, 1);
      await expectDrawnNear(bram.page, "Ada", after);
      await saveScreenshot(ada.page, "vr-from-join-page");

      // Her hand menu in French ("Lever la main", "Déplacement : téléportation seule", "par pas de 30°"),
      // held close enough to read.
      expect(await ada.page.evaluate(() => document.documentElement.lang)).toBe("fr");
      await openHandMenu({ x: 0.8, y: 1.22, z: -0.88 });
      await expect.poll(() => fontFiles.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      expect(fontFiles.every((url) => url.startsWith(server.url))).toBe(true);
      expect(
        fontFiles.some((url) => /\.json$/.test(url)) && fontFiles.some((url) => /\.png$/.test(url)),
      ).toBe(true);
      await nextFrames(10);
      await saveScreenshot(ada.page, "vr-hand-menu-french");
      expect(missingGlyphs).toEqual([]);
      stage.expectNoErrors();
    },
    VR_TEST_TIMEOUT_MS,
  );
});
