/**
 * Signing in to a verified consultation with the operator's OpenID provider: sending the person off,
 * and turning the provider's callback into a one-use ticket for the join page. Every sign-in is
 * answered once, in the browser it started in, within ten minutes; anything else is refused.
 */
import { randomBytes } from "node:crypto";
import { type EligibilityRule, isEligible } from "../../shared/consultation/eligibility.ts";
import type { OidcClient } from "../auth/oidc-client.ts";
import { SignInRefused } from "../auth/oidc-client.ts";
import { hashSecret } from "../auth/secrets.ts";
import { identityHash } from "../auth/verified-identity.ts";
import type { ConsultationRecord, ConsultationStore } from "../store/consultation-store.ts";

/** How long a sign-in may take at the provider, and how long its ticket waits for the join page. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;

export interface VerifiedSignInDeps {
  readonly store: ConsultationStore;
  /** The server's secret, from which each consultation's identity key is derived. */
  readonly sessionSecret: string;
  readonly now: () => number;
  /** The operator's provider; undefined when none is configured. */
  readonly oidc: OidcClient | undefined;
}

export const SIGN_IN_PROBLEMS = [
  "sign_in_unavailable",
  "unknown_consultation",
  "sign_in_not_needed",
  "sign_in_expired",
  "sign_in_other_browser",
  "sign_in_provider",
  "sign_in_failed",
  "not_eligible",
] as const;
export type SignInProblemCode = (typeof SIGN_IN_PROBLEMS)[number];

/** A refused sign-in, with the consultation when it is known (its page tells the person what next). */
export class SignInProblem extends Error {
  readonly code: SignInProblemCode;
  readonly consultation: ConsultationRecord | undefined;
  constructor(code: SignInProblemCode, consultation?: ConsultationRecord, options?: ErrorOptions) {
    super(code, options);
    this.code = code;
    this.consultation = consultation;
  }
}

function providerOf(deps: VerifiedSignInDeps, consultation?: ConsultationRecord): OidcClient {
  if (!deps.oidc) throw new SignInProblem("sign_in_unavailable", consultation);
  return deps.oidc;
}

function eligibilityOf(deps: VerifiedSignInDeps, consultationId: string) {
  return deps.store.loadDocument<EligibilityRule>(consultationId, "eligibility");
}

/** Starts a sign-in for `browserKey`'s browser: the provider's page to send it to. */
export async function startSignIn(
  deps: VerifiedSignInDeps,
  consultationId: string,
  browserKey: string,
): Promise<URL> {
  const consultation = await deps.store.findConsultation(consultationId);
  if (!consultation) throw new SignInProblem("unknown_consultation");
  if (consultation.access !== "verified") throw new SignInProblem("sign_in_not_needed", consultation);
  const provider = providerOf(deps, consultation);
  const rule = await eligibilityOf(deps, consultation.id);
  const { url, state, nonce, codeVerifier } = await provider
    .begin(rule?.scope ? [rule.scope] : [])
    .catch((error: unknown) => {
      throw new SignInProblem("sign_in_provider", consultation, { cause: error });
    });
  const now = deps.now();
  await deps.store.addPendingSignIn(
    {
      stateHash: hashSecret(state),
      browserHash: hashSecret(browserKey),
      consultationId: consultation.id,
      nonce,
      codeVerifier,
      createdAt: now,
    },
    now - SIGN_IN_TTL_MS,
  );
  return url;
}

/**
 * Ends a sign-in from the provider's callback (`search`, its query string) in the browser holding
 * `browserKey`: the consultation and a one-use ticket with which the join page admits the person.
 */
export async function finishSignIn(
  deps: VerifiedSignInDeps,
  search: string,
  browserKey: string | undefined,
): Promise<{ readonly consultation: ConsultationRecord; readonly ticket: string }> {
  const state = new URLSearchParams(search).get("state");
  // Taken before anything is checked: a callback forged, replayed or late is answered once, and refused.
  const pending = state ? await deps.store.takePendingSignIn(hashSecret(state)) : undefined;
  if (!pending || pending.createdAt < deps.now() - SIGN_IN_TTL_MS) throw new SignInProblem("sign_in_expired");
  const consultation = await deps.store.findConsultation(pending.consultationId);
  if (!consultation) throw new SignInProblem("unknown_consultation");
  // Someone else's callback, lured into this browser, would sign it in as them.
  if (browserKey === undefined || hashSecret(browserKey) !== pending.browserHash)
    throw new SignInProblem("sign_in_other_browser", consultation);
  const rule = await eligibilityOf(deps, consultation.id);
  const person = await providerOf(deps, consultation)
    .finish(search, { state: state ?? "", nonce: pending.nonce, codeVerifier: pending.codeVerifier }, !!rule)
    .catch((error: unknown) => {
      const code =
        error instanceof SignInRefused && error.kind === "check" ? "sign_in_failed" : "sign_in_provider";
      throw new SignInProblem(code, consultation, { cause: error });
    });
  if (!isEligible(rule, person.claims)) throw new SignInProblem("not_eligible", consultation);
  const ticket = randomBytes(32).toString("base64url");
  const now = deps.now();
  await deps.store.addSignInTicket(
    {
      ticketHash: hashSecret(ticket),
      consultationId: consultation.id,
      identityHash: identityHash(deps.sessionSecret, consultation.id, person.issuer, person.subject),
      createdAt: now,
    },
    now - SIGN_IN_TTL_MS,
  );
  return { consultation, ticket };
}
