/**
 * The lead facilitator replaces a leaked facilitator link from the console page. Someone who entered
 * through the leaked link is listed in the console as having come through the link; after confirming,
 * the console shows the new link once, the intruder's hall closes with a notice saying why, the old
 * link opens nothing at the door, the new one opens the facilitator's door, and the lead's hall tab
 * stays in the hall. No page breaks the content security policy along the way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let lead: TestBrowser;
let visitor: TestBrowser;

beforeAll(async () => {
  server = await startTestServer();
  [lead, visitor] = await Promise.all([launchBrowser({ width: 1280, height: 900 }), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([lead?.close(), visitor?.close()]);
  await server?.stop();
});

describe("replacing the facilitator link from the console", () => {
  it("shows a new link once, lets the intruder go at once, and the old link opens nothing any more", async () => {
    const consultation = await server.createConsultation("Leaked link");
    await lead.page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await lead.page.getByTestId("display-name").fill("Fatima");
    await lead.page.getByTestId("accept-conduct").check();
    await lead.page.getByTestId("enter-hall").click();
    await waitUntil(lead.page, "Fatima's hall", "h.connected && h.participants().length > 0", 45_000);

    // The leaked link reaches someone else, who walks in as a facilitator.
    await visitor.page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await visitor.page.getByTestId("display-name").fill("Mallory");
    await visitor.page.getByTestId("accept-conduct").check();
    await visitor.page.getByTestId("enter-hall").click();
    await waitUntil(visitor.page, "Mallory's hall", "h.connected && h.participants().length > 1", 45_000);

    const consolePage = await lead.context.newPage();
    const consoleErrors: string[] = [];
    consolePage.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await consolePage.goto(`${server.url}/c/${consultation.id}/console?test=1`);
    await waitUntil(consolePage, "the console to connect", "h.connected");
    const rights = consolePage.getByTestId("console-right");
    await expect.poll(() => rights.count(), { timeout: 10_000 }).toBe(2);
    await expect
      .poll(() => rights.nth(0).textContent(), { timeout: 10_000 })
      .toContain("Lead: first to enter through the facilitator link");
    await expect.poll(() => rights.nth(1).textContent(), { timeout: 10_000 }).toContain("Mallory");
    await expect
      .poll(() => rights.nth(1).textContent(), { timeout: 10_000 })
      .toContain("Entered through the facilitator link");
    await consolePage.getByTestId("console-rotate-facilitator-link").click();
    await consolePage.getByTestId("rotate-facilitator-link-dialog").waitFor();
    await consolePage.getByTestId("rotate-facilitator-link-confirm").click();
    const newLink = (await consolePage.getByTestId("console-new-facilitator-link").textContent()) ?? "";
    expect(newLink).toMatch(new RegExp(`^${server.url}/f/[A-Za-z0-9_-]{40,}$`));
    expect(newLink).not.toContain(consultation.facilitatorKey);

    // The intruder is let go at once, told why, and offered no way back in with that session.
    await visitor.page.getByTestId("connection-notice").waitFor({ timeout: 10_000 });
    expect(await visitor.page.getByTestId("connection-notice").textContent()).toContain(
      "replaced the facilitator link you entered with",
    );
    await expect.poll(() => rights.count(), { timeout: 10_000 }).toBe(1);

    await visitor.page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await visitor.page.getByTestId("join-error").waitFor({ timeout: 10_000 });
    expect(await visitor.page.getByTestId("display-name").count()).toBe(0);

    await visitor.page.goto(`${newLink}?test=1`);
    await visitor.page.getByTestId("display-name").waitFor({ timeout: 10_000 });
    expect(await visitor.page.getByTestId("join-error").count()).toBe(0);

    expect(await hook<boolean>(lead.page, "h.connected"), "the hall tab stays in the hall").toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(lead.errors).toEqual([]);
    // The refused old link is a 404, the refused session a 403, both logged by the browser itself;
    // nothing else, and no policy violation.
    expect(visitor.errors.filter((error) => !error.includes("404") && !error.includes("403"))).toEqual([]);
  });
});
