/**
 * A ban that holds, in real Chromium: a citizen enters and leaves; the facilitator finds her in the
 * console's list of everyone who came and bans her there, with a reason; when she comes back from the
 * same browser with the join code, the door refuses her and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser.ts";
import { waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let lead: TestBrowser;
let citizen: TestBrowser;

beforeAll(async () => {
  server = await startTestServer();
  [lead, citizen] = await Promise.all([launchBrowser({ width: 1280, height: 900 }), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([lead?.close(), citizen?.close()]);
  await server?.stop();
});

async function enterThroughDoor(browser: TestBrowser, path: string, name: string): Promise<void> {
  await browser.page.goto(`${server.url}${path}?test=1`);
  await browser.page.getByTestId("display-name").fill(name);
  await browser.page.getByTestId("accept-conduct").check();
  await browser.page.getByTestId("enter-hall").click();
}

describe("banning someone who already left", () => {
  it("bans from the list of everyone who came, and the same browser is refused at the door", async () => {
    const consultation = await server.createConsultation("Gone before the ban");
    await enterThroughDoor(lead, `/f/${consultation.facilitatorKey}`, "Fatima");
    await waitUntil(lead.page, "Fatima's hall", "h.connected && h.participants().length > 0", 45_000);
    const consolePage = await lead.context.newPage();
    await consolePage.goto(`${server.url}/c/${consultation.id}/console?test=1`);
    await waitUntil(consolePage, "the console to connect", "h.connected");

    await enterThroughDoor(citizen, `/j/${consultation.joinCode}`, "Lena");
    await waitUntil(citizen.page, "Lena's hall", "h.connected && h.participants().length > 1", 45_000);
    await citizen.page.getByTestId("leave-hall").click();

    const lena = consolePage.getByTestId("console-came").filter({ hasText: "Lena" });
    await lena.waitFor({ timeout: 10_000 });
    await lena.getByTestId("came-ban").click();
    await consolePage.getByTestId("confirm-ban-absent-reason").fill("Threats in the chat");
    await consolePage.getByTestId("confirm-ban-absent-confirm").click();
    await expect.poll(() => lena.getAttribute("data-status"), { timeout: 10_000 }).toBe("banned");

    await enterThroughDoor(citizen, `/j/${consultation.joinCode}`, "Lena again");
    const refusal = citizen.page.getByTestId("join-error");
    await refusal.waitFor({ timeout: 10_000 });
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain("banned");
    expect(lead.errors).toEqual([]);
  });
});
