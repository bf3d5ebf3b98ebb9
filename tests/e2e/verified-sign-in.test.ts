/**
 * A verified consultation in real Chromium against a real OpenID provider on loopback (oidc-provider):
 * a citizen signs in at the provider's own page, enters the hall and votes; signing in again from
 * another browser re-enters as the same participant, ballot and all; a second identity is a second
 * participant; a forged or replayed callback lands on a clear refusal page. The pages pass axe.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { CreateConsultationResponse } from "../../shared/protocol/http-api.ts";
import { seriousAxeViolations } from "../support/accessibility.ts";
import { waitForOwnBallot } from "../support/ballot-waits.ts";
import { launchBrowser, type TestBrowser } from "../support/browser.ts";
import { freePort } from "../support/free-port.ts";
import { startTestIssuer, TEST_CLIENT, type TestIssuer, type TestLogin } from "../support/oidc-issuer.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { enterHall, type HallRoom } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const ALICE: TestLogin = "85073003361";
const BRUNO: TestLogin = "90020199711";

let issuer: TestIssuer;
let server: TestServer;
let consultation: CreateConsultationResponse;
let leadRoom: HallRoom;
let pollId = "";
const browsers: TestBrowser[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  const port = await freePort();
  server = await startTestServer({
    PORT: String(port),
    OIDC_ISSUER: issuer.url,
    OIDC_CLIENT_ID: TEST_CLIENT.id,
    OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/auth/oidc/callback`,
  });
  issuer.serve(`${server.url}/auth/oidc/callback`);
  const created = await server.post<CreateConsultationResponse>("/api/consultations", {
    title: "Verified riverside plan",
    language: "en",
    access: "verified",
  });
  consultation = created.body;
  leadRoom = await enterHall(
    server.url,
    await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima"),
  );
  leadRoom.onMessage("error", () => undefined);
  const poll = (await leadRoom.request("poll_create", {
    question: "Which bridge first?",
    kind: "single",
    options: ["North", "South"],
    open: true,
  })) as MethodAnswer;
  pollId = poll.ok ? String(poll.pollId) : "";
}, 60_000);

afterAll(async () => {
  await browsers.at(-1)?.close();
  await leadRoom?.leave().catch(() => undefined);
  await server?.stop();
  await issuer?.stop();
});

/**
 * Signs `login` in from the join page through the provider's own login form, in `page`; answers the
 * provider's callback address (to replay it) and the ticket Plenum redirected to the join page with.
 */
async function signIn(page: Page, login: TestLogin): Promise<{ callback: string; ticket: string }> {
  await page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
  await page.getByTestId("sign-in").click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  const redirected = page.waitForResponse((response) => response.url().includes("/auth/oidc/callback"));
  await page.locator('button[type="submit"]').click();
  const callback = await redirected;
  const ticket = /#signin=([\w-]+)$/.exec(callback.headers().location ?? "")?.[1] ?? "";
  expect(callback.status(), "the callback's answer").toBe(303);
  await page.waitForURL((url) => url.pathname === `/j/${consultation.joinCode}`);
  // The join page took the ticket out of the address at once.
  expect(new URL(page.url()).hash).toBe("");
  return { callback: callback.url(), ticket };
}

/** Enters the hall with the ticket, on the test build (the provider's redirect drops the test flag). */
async function enterSignedIn(page: Page, ticket: string, name: string): Promise<void> {
  await page.goto(`${server.url}/j/${consultation.joinCode}?test=1#signin=${ticket}`);
  await page.getByTestId("signed-in").waitFor();
  await page.getByTestId("display-name").fill(name);
  await page.getByTestId("accept-conduct").check();
  await page.getByTestId("enter-hall").click();
  await waitUntil(page, `${name}'s hall to be ready`, "h.ready", 90_000);
}

/** Ballots in the poll, as the facilitator's room state counts them. */
const ballots = () => leadRoom.state.polls.get(pollId)?.ballots;

/** A fresh browser; the one before is closed first (two cores draw one hall at a time). */
async function browser(): Promise<TestBrowser> {
  await browsers.at(-1)?.close();
  const launched = await launchBrowser({ width: 1280, height: 800 });
  browsers.push(launched);
  return launched;
}

describe("a verified consultation in the browser", () => {
  let aliceId = "";
  let aliceCallback = "";

  it("signs a citizen in at the provider's own page, lets her into the hall, and she votes", {
    timeout: 180_000,
  }, async () => {
    const { page } = await browser();
    await page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    await page.getByTestId("sign-in").waitFor();
    expect(await page.getByTestId("display-name").count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const { callback, ticket } = await signIn(page, ALICE);
    aliceCallback = callback;
    await enterSignedIn(page, ticket, "Alice");
    aliceId = await hook<string>(page, "h.participantId");
    await page.getByTestId("poll-option-1").check();
    await page.getByTestId("poll-vote").click();
    await waitForOwnBallot(page, "Alice's ballot", pollId, [1]);
    await expect.poll(ballots, { timeout: 10_000 }).toBe(1);
    expect(leadRoom.state.participants.size).toBe(2);
  });

  it("re-enters the same participant when she signs in from another browser: her new ballot replaces her first", {
    timeout: 180_000,
  }, async () => {
    const { page } = await browser();
    const { ticket } = await signIn(page, ALICE);
    await enterSignedIn(page, ticket, "Alice again");
    expect(await hook<string>(page, "h.participantId")).toBe(aliceId);
    // Her second ballot replaces her first: one person, one vote.
    await page.getByTestId("poll-option-0").check();
    await page.getByTestId("poll-vote").click();
    await waitForOwnBallot(page, "Alice's changed ballot", pollId, [0]);
    await expect
      .poll(() => leadRoom.state.polls.get(pollId)?.counts?.toArray().join(), { timeout: 10_000 })
      .toBe("1,0");
    expect(ballots()).toBe(1);
    expect(leadRoom.state.participants.size).toBe(2);
  });

  it("refuses her callback when it is replayed, and a forged one, with a clear page", {
    timeout: 60_000,
  }, async () => {
    const { page } = await browser();
    await page.goto(aliceCallback);
    expect(await page.getByRole("alert").getAttribute("data-problem")).toBe("sign_in_expired");
    const forged = new URL(aliceCallback);
    forged.searchParams.set("state", "a-state-this-server-never-made");
    await page.goto(forged.href);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign-in refused");
    expect(await page.getByRole("alert").getAttribute("data-problem")).toBe("sign_in_expired");
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The way on: back to the home page, since a forged state names no consultation.
    await page.getByRole("link").click();
    await page.waitForURL((url) => url.pathname === "/");
  });

  it("makes a second identity a second participant", { timeout: 180_000 }, async () => {
    const { page } = await browser();
    const { callback, ticket } = await signIn(page, BRUNO);
    // The same callback again, in the browser it belongs to: used once already, refused.
    await page.goto(callback);
    expect(await page.getByRole("alert").getAttribute("data-problem")).toBe("sign_in_expired");
    await enterSignedIn(page, ticket, "Bruno");
    expect(await hook<string>(page, "h.participantId")).not.toBe(aliceId);
    await page.getByTestId("poll-option-1").check();
    await page.getByTestId("poll-vote").click();
    await waitForOwnBallot(page, "Bruno's ballot", pollId, [1]);
    await expect.poll(ballots, { timeout: 10_000 }).toBe(2);
  });
});
