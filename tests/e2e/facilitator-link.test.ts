/**
 * The facilitator replaces a leaked facilitator link from the console page: after confirming, the
 * console shows the new link once; the old link then opens nothing at the door, the new one opens the
 * facilitator's door, and the facilitator's hall tab stays in the hall. No page breaks the content
 * security policy along the way.
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
  it("shows a new link once, after which the old one opens nothing and the new one opens the door", async () => {
    const consultation = await server.createConsultation("Leaked link");
    await lead.page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await lead.page.getByTestId("display-name").fill("Fatima");
    await lead.page.getByTestId("accept-conduct").check();
    await lead.page.getByTestId("enter-hall").click();
    await waitUntil(lead.page, "Fatima's hall", "h.connected && h.participants().length > 0", 45_000);

    const consolePage = await lead.context.newPage();
    const consoleErrors: string[] = [];
    consolePage.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await consolePage.goto(`${server.url}/c/${consultation.id}/console?test=1`);
    await waitUntil(consolePage, "the console to connect", "h.connected");
    await consolePage.getByTestId("console-rotate-facilitator-link").click();
    await consolePage.getByTestId("rotate-facilitator-link-dialog").waitFor();
    await consolePage.getByTestId("rotate-facilitator-link-confirm").click();
    const newLink = (await consolePage.getByTestId("console-new-facilitator-link").textContent()) ?? "";
    expect(newLink).toMatch(new RegExp(`^${server.url}/f/[A-Za-z0-9_-]{40,}$`));
    expect(newLink).not.toContain(consultation.facilitatorKey);

    await visitor.page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await visitor.page.getByTestId("join-error").waitFor({ timeout: 10_000 });
    expect(await visitor.page.getByTestId("display-name").count()).toBe(0);

    await visitor.page.goto(`${newLink}?test=1`);
    await visitor.page.getByTestId("display-name").waitFor({ timeout: 10_000 });
    expect(await visitor.page.getByTestId("join-error").count()).toBe(0);

    expect(await hook<boolean>(lead.page, "h.connected"), "the hall tab stays in the hall").toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(lead.errors).toEqual([]);
    // The refused old link is a 404 the browser logs itself; nothing else, and no policy violation.
    expect(visitor.errors.filter((error) => !error.includes("404"))).toEqual([]);
  });
});
