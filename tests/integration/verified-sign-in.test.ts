/**
 * Verified consultations against a real OpenID provider on loopback (oidc-provider), with real SDK
 * clients, on SQLite and PostgreSQL: one identity is one participant, from any browser; a callback
 * forged, replayed, taken to another browser or carrying another nonce signs nobody in; an eligibility
 * rule refuses at the door; a ban binds the identity; the database holds only keyed hashes.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsultationStore } from "../../server/store/consultation-store.ts";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import type { MyDataResponse } from "../../shared/protocol/room-messages.ts";
import { BACKENDS, hallOnBackend } from "../support/backend-hall.ts";
import { databaseText } from "../support/database-text.ts";
import { freePort } from "../support/free-port.ts";
import {
  startTestIssuer,
  TEST_CLIENT,
  TEST_USERS,
  type TestIssuer,
  type TestLogin,
} from "../support/oidc-issuer.ts";
import {
  CookieJar,
  loginAtProvider,
  signInOverHttp,
  startSignInOverHttp,
  ticketFrom,
  visitCallback,
} from "../support/oidc-sign-in.ts";

const ALICE: TestLogin = "85073003361";
const BRUNO: TestLogin = "90020199711";
const CHANTAL: TestLogin = "77121500123";

describe.each(BACKENDS)("verified consultations ($name)", (backend) => {
  let issuer: TestIssuer | undefined;
  /** When set, the sign-in under way comes back from the store with another nonce than it was sent with. */
  let forgeNonce = false;
  const hall = hallOnBackend(backend, {
    async env() {
      issuer = await startTestIssuer();
      const port = await freePort();
      return {
        PORT: String(port),
        OIDC_ISSUER: issuer.url,
        OIDC_CLIENT_ID: TEST_CLIENT.id,
        OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/auth/oidc/callback`,
      };
    },
    start: {
      wrapStore: (store) =>
        new Proxy(store, {
          get(target, key) {
            const value: unknown = Reflect.get(target, key, target);
            if (key !== "takePendingSignIn") return typeof value === "function" ? value.bind(target) : value;
            const take: ConsultationStore["takePendingSignIn"] = async (stateHash) => {
              const pending = await target.takePendingSignIn(stateHash);
              return pending && forgeNonce
                ? { ...pending, nonce: "a-nonce-this-sign-in-never-sent" }
                : pending;
            };
            return take;
          },
        }),
    },
  });
  beforeAll(() => issuer?.serve(`${hall.server.url}/auth/oidc/callback`));
  afterAll(() => issuer?.stop());

  async function join(ticket: string, displayName: string, extra: Record<string, unknown> = {}) {
    return hall.server.post<JoinResponse & { error?: { code: string } }>("/api/join", {
      signInTicket: ticket,
      displayName,
      color: "#336699",
      acceptCodeOfConduct: true,
      ...extra,
    });
  }

  async function createVerified(title: string, extra: Record<string, unknown> = {}) {
    const created = await hall.server.post<CreateConsultationResponse>("/api/consultations", {
      title,
      language: "en",
      access: "verified",
      ...extra,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  }

  async function signedIn(consultation: CreateConsultationResponse, login: TestLogin, name: string) {
    const answer = await join(await signInOverHttp(hall.server.url, consultation.id, login), name);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  }

  /** Plenum's refusal page for a callback: its status and the problem it names. */
  async function refusal(response: Response): Promise<[number, string | undefined]> {
    const page = await response.text();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    return [response.status, /data-problem="(\w+)"/.exec(page)?.[1]];
  }

  it("makes one identity one participant, from any browser, and a second identity a second one", async () => {
    const consultation = await createVerified("Verified park plan");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const leadRoom = await hall.enter(lead);
    const alice = await signedIn(consultation, ALICE, "Alice");
    expect(alice).toMatchObject({ consultationId: consultation.id, role: "citizen" });
    const aliceRoom = await hall.enter(alice);
    // Another browser, another day: a fresh cookie jar signs the same person in again.
    const aliceAgain = await signedIn(consultation, ALICE, "Alice on her phone");
    expect(aliceAgain.participantId).toBe(alice.participantId);
    const bruno = await signedIn(consultation, BRUNO, "Bruno");
    expect(bruno.participantId).not.toBe(alice.participantId);
    const brunoRoom = await hall.enter(bruno);
    await expect.poll(() => leadRoom.state.participants.size).toBe(3);
    const brunoData = (await brunoRoom.request("my_data", {})) as MyDataResponse;
    if (!brunoData.ok) throw new Error(`my_data refused: ${brunoData.error.code}`);
    expect(brunoData.data.you).toMatchObject({
      door: "identity",
      invitationLabel: null,
      verifiedIdentityStored: true,
    });
    // The second session replaces the first one's connection, as sessions do: still three people.
    await hall.enter(aliceAgain);
    await expect.poll(() => aliceRoom.connection.isOpen).toBe(false);
    expect(leadRoom.state.participants.size).toBe(3);
  });

  it("refuses a forged state, a replayed callback, another browser's callback and another nonce", async () => {
    const consultation = await createVerified("Checked callbacks");
    const jar = new CookieJar();
    const callback = await loginAtProvider(
      await startSignInOverHttp(hall.server.url, consultation.id, jar),
      ALICE,
      jar,
    );

    const forged = new URL(callback);
    forged.searchParams.set("state", "a-state-this-server-never-made");
    expect(await refusal(await visitCallback(forged, jar))).toEqual([400, "sign_in_expired"]);

    // Someone else's browser, handed the link: the state is spent, and nobody is signed in with it.
    expect(await refusal(await visitCallback(callback, new CookieJar()))).toEqual([
      400,
      "sign_in_other_browser",
    ]);
    expect(await refusal(await visitCallback(callback, jar))).toEqual([400, "sign_in_expired"]);

    const fresh = new CookieJar();
    const good = await loginAtProvider(
      await startSignInOverHttp(hall.server.url, consultation.id, fresh),
      ALICE,
      fresh,
    );
    const ticket = ticketFrom(await visitCallback(good, fresh));
    // The same code and state a second time: refused, and no second ticket.
    const replay = await visitCallback(good, fresh);
    expect(await refusal(replay)).toEqual([400, "sign_in_expired"]);
    expect((await join(ticket, "Alice")).status).toBe(200);

    forgeNonce = true;
    try {
      const other = new CookieJar();
      const tampered = await loginAtProvider(
        await startSignInOverHttp(hall.server.url, consultation.id, other),
        BRUNO,
        other,
      );
      expect(await refusal(await visitCallback(tampered, other))).toEqual([400, "sign_in_failed"]);
    } finally {
      forgeNonce = false;
    }

    const declined = new CookieJar();
    const authorization = await startSignInOverHttp(hall.server.url, consultation.id, declined);
    const cancelled = new URL(`${hall.server.url}/auth/oidc/callback`);
    cancelled.searchParams.set("error", "access_denied");
    cancelled.searchParams.set("state", authorization.searchParams.get("state") ?? "");
    cancelled.searchParams.set("iss", issuer?.url ?? "");
    const page = await visitCallback(cancelled, declined);
    expect(await refusal(page)).toEqual([502, "sign_in_provider"]);
  });

  it("opens a verified consultation only through a sign-in, and starts none for an open one", async () => {
    const verified = await createVerified("Sign-in only");
    const byCode = await hall.server.post<{ error: { code: string } }>("/api/join", {
      joinCode: verified.joinCode,
      displayName: "Walk-in",
      color: "#123456",
      acceptCodeOfConduct: true,
    });
    expect([byCode.status, byCode.body.error.code]).toEqual([403, "sign_in_required"]);
    const preview = await hall.server.post<{ access: string }>("/api/preview", {
      joinCode: verified.joinCode,
    });
    expect(preview.body.access).toBe("verified");
    const open = await hall.server.createConsultation("Open to all");
    const start = await fetch(`${hall.server.url}/auth/oidc/start?consultationId=${open.id}`, {
      redirect: "manual",
    });
    expect(await refusal(start)).toEqual([400, "sign_in_not_needed"]);
    const nowhere = await fetch(`${hall.server.url}/auth/oidc/start?consultationId=nope`, {
      redirect: "manual",
    });
    expect(await refusal(nowhere)).toEqual([404, "unknown_consultation"]);
  });

  it("spends a ticket once, and not on a mistyped name", async () => {
    const consultation = await createVerified("One-use tickets");
    const ticket = await signInOverHttp(hall.server.url, consultation.id, CHANTAL);
    const mistyped = await join(ticket, "  ");
    expect([mistyped.status, mistyped.body.error?.code]).toEqual([400, "invalid_name"]);
    expect((await join(ticket, "Chantal")).status).toBe(200);
    const again = await join(ticket, "Chantal");
    expect([again.status, again.body.error?.code]).toEqual([403, "sign_in_expired"]);
    const invented = await join("a-ticket-nobody-was-given", "Chantal");
    expect([invented.status, invented.body.error?.code]).toEqual([403, "sign_in_expired"]);
  });

  it("refuses at the door whoever the consultation's eligibility rule excludes", async () => {
    const rule = { claim: "address.postal_code", values: ["1000", "1020"], scope: "address" };
    const open = await hall.server.post<{ error: { code: string } }>("/api/consultations", {
      title: "A rule without sign-in",
      language: "en",
      eligibility: rule,
    });
    expect([open.status, open.body.error.code]).toEqual([400, "invalid_request"]);
    const created = {
      body: await createVerified("Residents of 1000 and 1020 only", { language: "nl", eligibility: rule }),
    };
    await signedIn(created.body, ALICE, "Alice");
    const jar = new CookieJar();
    const callback = await loginAtProvider(
      await startSignInOverHttp(hall.server.url, created.body.id, jar),
      CHANTAL,
      jar,
    );
    const response = await visitCallback(callback, jar);
    const page = await response.clone().text();
    expect(await refusal(response)).toEqual([403, "not_eligible"]);
    // In the consultation's language, with the way back to its join page.
    expect(page).toContain('lang="nl"');
    expect(page).toContain(`href="/j/${created.body.joinCode}"`);
  });

  it("lets a ban bind the identity: signing in again from a new browser does not help", async () => {
    const consultation = await createVerified("Bans bind identities");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const leadRoom = await hall.enter(lead);
    const bruno = await signedIn(consultation, BRUNO, "Bruno");
    const brunoRoom = await hall.enter(bruno);
    await expect.poll(() => leadRoom.state.participants.size).toBe(2);
    leadRoom.send("ban_participant", { participantId: bruno.participantId, reason: "Threats in the chat" });
    await expect.poll(() => brunoRoom.connection.isOpen).toBe(false);
    const back = await join(await signInOverHttp(hall.server.url, consultation.id, BRUNO), "Bruno again", {
      deviceKey: "a-brand-new-private-window-key",
    });
    expect([back.status, back.body.error?.code]).toEqual([403, "banned"]);
  });

  it("keeps an identity that erased itself out, so that it cannot vote again as someone new", async () => {
    const consultation = await createVerified("Erased identities");
    const chantal = await signedIn(consultation, CHANTAL, "Chantal");
    const room = await hall.enter(chantal);
    const erased = (await room.request("erase_me", {})) as { ok: boolean };
    expect(erased.ok).toBe(true);
    const back = await join(await signInOverHttp(hall.server.url, consultation.id, CHANTAL), "Chantal again");
    expect([back.status, back.body.error?.code]).toEqual([403, "erased"]);
  });

  it("keeps no subject, name, national number or claim in clear: only keyed hashes", async () => {
    const consultation = await createVerified("What the database holds");
    const alice = await signedIn(consultation, ALICE, "Pseudonym A");
    const text = await databaseText(hall.server.dataDir, hall.databaseUrl);
    expect(text).toContain(alice.participantId);
    for (const [login, user] of Object.entries(TEST_USERS)) {
      expect(text).not.toContain(login);
      expect(text).not.toContain(user.name);
      expect(text).not.toContain(user.national_number);
    }
    // Nor an unkeyed hash of the subject, which anyone could compute from a list of national numbers.
    const plain = createHmac("sha256", "").update(`${issuer?.url}\n${ALICE}`).digest("base64url");
    expect(text).not.toContain(plain);
  });
});
