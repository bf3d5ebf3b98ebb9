/**
 * Shared devices (a loaned headset in a library, a town hall's computer), in real Chromium. Each test
 * opens one browser profile, closes the browser, and opens the same profile again as the next person.
 *
 * - After "Leave", the next person gets neither the hall nor the console: the kept session is gone
 *   (and a console open in another tab leaves with it); a session kept past its token's expiry is
 *   dropped too.
 * - "On a shared device" at the door keeps nothing about the person in the browser, not even their
 *   name, and the browser remembers the choice itself for the next person.
 * - The door shows the privacy notice, with the operator's controller and contact.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
const profiles: string[] = [];
const open: TestBrowser[] = [];

beforeAll(async () => {
  server = await startTestServer({
    PRIVACY_CONTROLLER: "Library of Ghent",
    PRIVACY_CONTACT: "privacy@library.example",
  });
});

afterAll(async () => {
  await Promise.all(open.map((browser) => browser.close().catch(() => undefined)));
  await server?.stop();
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
});

function newProfile(): string {
  const profile = mkdtempSync(path.join(tmpdir(), "plenum-shared-profile-"));
  profiles.push(profile);
  return profile;
}

async function browserOn(profile: string): Promise<TestBrowser> {
  const browser = await launchBrowser({ width: 1280, height: 900 }, [], {}, profile);
  open.push(browser);
  return browser;
}

async function closeBrowser(browser: TestBrowser): Promise<void> {
  open.splice(open.indexOf(browser), 1);
  await browser.close();
}

/** Every local-storage key of the page's origin, sorted. */
function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).sort());
}

/** Fills the door and enters the hall, optionally ticking "on a shared device" first. */
async function enter(page: Page, url: string, name: string, shared = false): Promise<void> {
  await page.goto(url);
  await page.getByTestId("display-name").fill(name);
  if (shared) await page.getByTestId("shared-device").check();
  await page.getByTestId("accept-conduct").check();
  await page.getByTestId("enter-hall").click();
  await waitUntil(page, `${name}'s hall`, "h.connected && h.participants().length > 0", 45_000);
}

/** What the next person finds at the console page: no session, no connection. */
async function expectNoConsole(page: Page, consultationId: string): Promise<void> {
  await page.goto(`${server.url}/c/${consultationId}/console?test=1`);
  await page.getByTestId("console-no-session").waitFor({ timeout: 10_000 });
  expect(await hook<boolean>(page, "h.connected")).not.toBe(true);
}

/** What the next person finds at the join link: the door, not the hall. */
async function expectTheDoor(page: Page, joinCode: string): Promise<void> {
  await page.goto(`${server.url}/j/${joinCode}?test=1`);
  await page.getByTestId("display-name").waitFor({ timeout: 10_000 });
  await expect.poll(() => page.locator("canvas").count()).toBe(0);
  expect(await hook<boolean>(page, "h.connected")).toBeUndefined();
}

describe("leaving on a browser others use next", () => {
  it("leaves the next person on the same browser profile no hall and no console", async () => {
    const consultation = await server.createConsultation("Library consultation");
    const profile = newProfile();
    const first = await browserOn(profile);
    await enter(first.page, `${server.url}/f/${consultation.facilitatorKey}?test=1`, "Fatima");
    const sessionKey = `plenum.session.${consultation.id}`;
    expect(await storedKeys(first.page)).toContain(sessionKey);

    const consolePage = await first.context.newPage();
    await consolePage.goto(`${server.url}/c/${consultation.id}/console?test=1`);
    await waitUntil(consolePage, "the console to connect", "h.connected");

    await first.page.getByTestId("leave-hall").click();
    await first.page.getByTestId("display-name").waitFor();
    expect(await storedKeys(first.page)).not.toContain(sessionKey);
    // The console in the other tab leaves with the session.
    await consolePage.getByTestId("console-no-session").waitFor({ timeout: 10_000 });
    await waitUntil(consolePage, "the console to disconnect", "!h.connected");
    await closeBrowser(first);

    const next = await browserOn(profile);
    await next.page.goto(`${server.url}/?test=1`);
    expect((await storedKeys(next.page)).filter((key) => key.startsWith("plenum.session."))).toEqual([]);
    await expectNoConsole(next.page, consultation.id);
    await expectTheDoor(next.page, consultation.joinCode);
    expect(next.errors).toEqual([]);
    await closeBrowser(next);
  });

  it("drops a session kept past its token's expiry, even one nobody left", async () => {
    const consultation = await server.createConsultation("Left open");
    const profile = newProfile();
    const first = await browserOn(profile);
    await enter(first.page, `${server.url}/f/${consultation.facilitatorKey}?test=1`, "Fatima");
    const sessionKey = `plenum.session.${consultation.id}`;
    // The person walks away without leaving; the token's expiry comes (moved into the past here).
    await first.page.evaluate((key) => {
      const kept = JSON.parse(localStorage.getItem(key) ?? "{}");
      localStorage.setItem(key, JSON.stringify({ ...kept, expiresAt: Date.now() - 1000 }));
    }, sessionKey);
    await closeBrowser(first);

    const next = await browserOn(profile);
    await next.page.goto(`${server.url}/?test=1`);
    expect(await storedKeys(next.page)).not.toContain(sessionKey);
    await expectNoConsole(next.page, consultation.id);
    await closeBrowser(next);
  });
});

describe("on a shared device", () => {
  it("keeps nothing about the person, and the browser remembers the choice for the next one", async () => {
    const consultation = await server.createConsultation("Loaned headsets");
    const profile = newProfile();
    const first = await browserOn(profile);
    await first.page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    const notice = first.page.getByTestId("privacy-notice");
    await notice.waitFor();
    await expect
      .poll(() => first.page.getByTestId("privacy-controller").textContent())
      .toContain("Library of Ghent");
    expect(await first.page.getByTestId("privacy-contact").getAttribute("href")).toBe(
      "mailto:privacy@library.example",
    );
    await expect
      .poll(() => first.page.getByTestId("privacy-voice").textContent())
      .toMatch(/peer to peer.*address/i);
    await saveScreenshot(first.page, "door-privacy-notice");

    await enter(first.page, `${server.url}/j/${consultation.joinCode}?test=1`, "Lotte", true);
    const participantId = await hook<string>(first.page, "h.participantId");
    // Only the choice itself: no session, no name or colour, no device key.
    const kept = await storedKeys(first.page);
    expect(kept).toContain("plenum.sharedDevice");
    expect(kept.filter((key) => /^plenum\.(session\.|profile$|deviceKey$)/.test(key))).toEqual([]);
    const everything = await first.page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(everything).not.toContain("Lotte");
    expect(everything).not.toContain(participantId);

    await first.page.getByTestId("leave-hall").click();
    await first.page.getByTestId("display-name").waitFor();
    await expect.poll(() => first.page.getByTestId("display-name").inputValue()).toBe("");
    await closeBrowser(first);

    const next = await browserOn(profile);
    await next.page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    await next.page.getByTestId("display-name").waitFor();
    await expect.poll(() => next.page.getByTestId("shared-device").isChecked()).toBe(true);
    expect(await next.page.getByTestId("display-name").inputValue()).toBe("");
    expect(await next.page.getByTestId("display-name").getAttribute("autocomplete")).toBe("off");
    await expectNoConsole(next.page, consultation.id);
    expect(next.errors).toEqual([]);
    await closeBrowser(next);
  });

  it("forgets what earlier visits kept once someone ticks it", async () => {
    const consultation = await server.createConsultation("Switched to shared");
    const profile = newProfile();
    const browser = await browserOn(profile);
    await enter(browser.page, `${server.url}/f/${consultation.facilitatorKey}?test=1`, "Fatima");
    await browser.page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    await browser.page.getByTestId("display-name").waitFor();
    expect(await storedKeys(browser.page)).toEqual(
      expect.arrayContaining([`plenum.session.${consultation.id}`, "plenum.profile", "plenum.deviceKey"]),
    );
    await browser.page.getByTestId("shared-device").check();
    const kept = await storedKeys(browser.page);
    expect(kept.filter((key) => /^plenum\.(session\.|profile$|deviceKey$)/.test(key))).toEqual([]);
    await expectNoConsole(browser.page, consultation.id);
    await closeBrowser(browser);
  });
});
