/**
 * "Your data" in the hall, through the real UI in Chromium: "Download my data" saves a JSON file of
 * what the consultation holds about the person; "Erase me", once confirmed, forgets them, ends the
 * visit (the hall says why) and leaves no session in the browser. The facilitator (an SDK client here)
 * sees both in the audit counts, and the person gone from the hall.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonalDataExport } from "../../shared/protocol/personal-data.ts";
import type { AuditLogResponse } from "../../shared/protocol/room-messages.ts";
import { launchBrowser, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let browser: TestBrowser;
let facilitator: HallRoom;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser({ width: 1280, height: 900 });
});

afterAll(async () => {
  await facilitator?.leave().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function auditCounts(): Promise<Extract<AuditLogResponse, { ok: true }>["counts"]> {
  const answer = (await facilitator.request("audit_log", {})) as AuditLogResponse;
  if (!answer.ok) throw new Error(`audit_log refused: ${JSON.stringify(answer.error)}`);
  return answer.counts;
}

describe("your data in the hall", () => {
  it("downloads what the consultation holds, then erases the person and ends their visit", async () => {
    const consultation = await server.createConsultation("Riverside park");
    facilitator = await enterHall(
      server.url,
      await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima"),
    );
    const { page } = browser;
    await page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    await page.getByTestId("display-name").fill("Zephyrine Quark");
    await page.getByTestId("accept-conduct").check();
    await page.getByTestId("enter-hall").click();
    await waitUntil(page, "the hall", "h.connected && h.participants().length === 2", 45_000);
    const participantId = await hook<string>(page, "h.participantId");

    await page.getByTestId("your-data-open").click();
    await page.getByTestId("your-data").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-my-data").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`plenum-my-data-${consultation.id}.json`);
    const data = JSON.parse(readFileSync(await download.path(), "utf8")) as PersonalDataExport;
    expect(data.you).toMatchObject({ participantId, displayName: "Zephyrine Quark", role: "citizen" });
    expect((await auditCounts()).download_data).toBe(1);

    // Erasing asks first; cancelling keeps everything as it was.
    await page.getByTestId("erase-me").click();
    await page.getByTestId("erase-me-dialog").waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(await hook<boolean>(page, "h.connected")).toBe(true);

    await page.getByTestId("your-data-open").click();
    await page.getByTestId("erase-me").click();
    await page.getByTestId("erase-me-confirm").click();
    const notice = page.getByTestId("connection-notice");
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/erased at your request/);
    await waitFor("her avatar to go", () => !facilitator.state.participants.has(participantId), 5000);
    expect((await auditCounts()).erase_self).toBe(1);

    await page.getByRole("alertdialog").getByRole("button", { name: "Leave" }).click();
    await page.getByTestId("display-name").waitFor();
    expect(
      (await page.evaluate(() => Object.keys(localStorage))).filter((key) =>
        key.startsWith("plenum.session."),
      ),
    ).toEqual([]);
    expect(browser.errors.filter((error) => !/erased/.test(error))).toEqual([]);
  });
});
