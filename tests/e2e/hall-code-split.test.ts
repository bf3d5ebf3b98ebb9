/**
 * Entering the hall downloads only what the hall needs. A desktop visitor of the product build gets the
 * hall drawn without a byte of WebXR, the headset menus (uikit) or their font; a visitor whose browser
 * has a headset (IWER's emulated Meta Quest 3) gets that code once she chooses Enter in VR, and the
 * session then runs. On the way in, the loading screen says which step is under way.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAxeViolations } from "../support/accessibility.ts";
import { launchBrowser, type TestBrowser } from "../support/browser.ts";
import { waitUntil } from "../support/page-hook.ts";
import { builtChunk } from "../support/sent-bytes.ts";
import { PRODUCT_CLIENT_DIR, TEST_CLIENT_DIR } from "../support/test-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { emulatedHeadset, enterHall, VR_TEST_TIMEOUT_MS } from "../support/vr-emulator.ts";

/** Strings only the headset's code carries once built: @react-three/xr's own error, uikit, its font. */
const XR_MARKERS = ["XR features can only be used inside the <XR> component", "uikit"];
const XR_FONT = /inter-semibold-msdf/;

interface Fetched {
  readonly path: string;
  /** A script's text (empty for other files), read once the response has arrived. */
  readonly text: Promise<string>;
}

/** Every file the page receives from now on. */
function recordFetched(page: Page): Fetched[] {
  const fetched: Fetched[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (!url.protocol.startsWith("http")) return;
    const text = url.pathname.endsWith(".js") ? response.text() : Promise.resolve("");
    fetched.push({ path: url.pathname, text });
  });
  return fetched;
}

/** The files of `fetched` that hold WebXR or headset-menu code, or the menus' font. */
async function xrFiles(fetched: readonly Fetched[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of fetched) {
    const text = await file.text;
    if (XR_FONT.test(file.path) || XR_MARKERS.some((marker) => text.includes(marker))) found.push(file.path);
  }
  return found;
}

/** A promise that stays pending until `release` is called: a response held back on the network. */
function heldBack(): { held: Promise<void>; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}

describe("a desktop visitor of the product build", () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer({ CLIENT_DIR: PRODUCT_CLIENT_DIR });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("enters a drawn hall without fetching the XR or headset-menu code", async () => {
    const { joinCode } = await server.createConsultation("Market square");
    const { page } = browser;
    await page.goto(`${server.url}/j/${joinCode}`);
    await page.getByTestId("display-name").fill("Bram");
    await page.getByTestId("accept-conduct").check();
    const fetched = recordFetched(page);
    await page.getByTestId("enter-hall").click();
    // The product build has no test hook: the hall is up when the loading screen has gone, and the
    // stage screen's font (asked for once the scene is built) has arrived.
    await expect.poll(() => page.locator(".hall canvas").count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.locator(".loading-screen").count(), { timeout: 60_000 }).toBe(0);
    await expect
      .poll(() => fetched.some((file) => file.path.endsWith(".ttf")), { timeout: 60_000 })
      .toBe(true);
    const paths = fetched.map((file) => file.path);
    expect(paths).toContain(builtChunk(PRODUCT_CLIENT_DIR, "src/app/HallPage.tsx"));
    expect(paths).not.toContain(builtChunk(PRODUCT_CLIENT_DIR, "src/xr/HallXR.tsx"));
    expect(await xrFiles(fetched)).toEqual([]);
    expect(browser.errors).toEqual([]);
  }, 90_000);

  it("counts the steps of the way in on the loading screen, in the visitor's language", async () => {
    const { joinCode } = await server.createConsultation("Town square");
    const { page } = browser;
    await page.addInitScript(() => localStorage.setItem("plenum.language", "nl"));
    // The hall's code and the room's answer are held back, so that each step stays on screen until checked.
    const code = heldBack();
    const room = heldBack();
    const hallChunk = builtChunk(PRODUCT_CLIENT_DIR, "src/app/HallPage.tsx");
    await page.route(`**${hallChunk}`, async (route) => {
      await code.held;
      await route.continue();
    });
    await page.route("**/matchmake/**", async (route) => {
      await room.held;
      await route.continue();
    });
    await page.goto(`${server.url}/j/${joinCode}`);
    await page.getByTestId("display-name").fill("Bram");
    await page.getByTestId("accept-conduct").check();
    await page.getByTestId("enter-hall").click();

    /** Waits for the loading screen to say `text`, then checks its bar and axe. */
    const expectStep = async (text: string, done: number) => {
      await expect.poll(() => page.getByTestId("loading-step").textContent(), { timeout: 60_000 }).toBe(text);
      expect(await page.locator(".loading-screen progress").getAttribute("value")).toBe(String(done));
      expect(await seriousAxeViolations(page)).toEqual([]);
    };
    await expectStep("Stap 1 van 3: de zaal wordt gedownload…", 0);

    code.release();
    // Drawn while the room has not answered: two of three steps done.
    await expectStep("Stap 3 van 3: verbinden met de zaal…", 2);

    room.release();
    await expect.poll(() => page.locator(".loading-screen").count(), { timeout: 60_000 }).toBe(0);
    expect(browser.errors).toEqual([]);
  }, 120_000);
});

describe("a visitor with a headset", () => {
  let server: TestServer;
  let browser: TestBrowser;
  const headset = emulatedHeadset(() => browser.page);

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser({ width: 640, height: 400 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    "gets the XR code only once she chooses Enter in VR, and is then in VR with her hand menu",
    async () => {
      const { joinCode } = await server.createConsultation("Harbour bridge");
      const fetched = recordFetched(browser.page);
      await enterHall(browser, `${server.url}/j/${joinCode}?test=1&xr=emulate`, "Ada");
      const xrChunk = builtChunk(TEST_CLIENT_DIR, "src/xr/HallXR.tsx");
      expect(fetched.map((file) => file.path)).not.toContain(xrChunk);
      expect(await xrFiles(fetched)).toEqual([]);

      await browser.page.getByTestId("enter-vr").click();
      await waitUntil(browser.page, "Ada's VR session", "h.xr().presenting", 60_000);
      expect(fetched.map((file) => file.path)).toContain(xrChunk);
      await headset.openHandMenu();
      expect(await xrFiles(fetched)).toContain(xrChunk);
      expect(browser.errors).toEqual([]);
    },
    VR_TEST_TIMEOUT_MS,
  );
});
