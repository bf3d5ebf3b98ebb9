/**
 * `GET /auth/oidc/start` and `GET /auth/oidc/callback`: thin handlers around the verified sign-in.
 * The browser is told apart by a cookie of its own, so that a callback is only answered in the browser
 * that started the sign-in.
 */
import { randomBytes } from "node:crypto";
import { parse as parseCookies } from "cookie";
import express, { type Request, type Response } from "express";
import { LANGUAGES, type Language } from "../../shared/protocol/roles.ts";
import {
  finishSignIn,
  SIGN_IN_TTL_MS,
  SignInProblem,
  type SignInProblemCode,
  startSignIn,
  type VerifiedSignInDeps,
} from "../consultations/verified-sign-in.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import { signInRefusalPage } from "./sign-in-refusal-page.ts";

const BROWSER_COOKIE = "plenum_sign_in";
const BROWSER_KEY = /^[A-Za-z0-9_-]{43}$/;

const STATUS: Readonly<Record<SignInProblemCode, number>> = {
  sign_in_unavailable: 503,
  unknown_consultation: 404,
  sign_in_not_needed: 400,
  sign_in_expired: 400,
  sign_in_other_browser: 400,
  sign_in_provider: 502,
  sign_in_failed: 400,
  not_eligible: 403,
};

function browserKeyOf(req: Request): string | undefined {
  const key = parseCookies(req.get("cookie") ?? "")[BROWSER_COOKIE];
  return key !== undefined && BROWSER_KEY.test(key) ? key : undefined;
}

function joinPagePath(joinCode: string): string {
  return `/j/${encodeURIComponent(joinCode)}`;
}

function refuse(req: Request, res: Response, error: unknown): void {
  if (!(error instanceof SignInProblem)) throw error;
  if (error.cause) serverLog.warn(`Sign-in refused (${error.code}):`, error.cause);
  const language: Language =
    error.consultation?.language ?? ((req.acceptsLanguages(...LANGUAGES) as Language | false) || "en");
  res
    .status(STATUS[error.code])
    .type("html")
    .set("cache-control", "no-store")
    .send(
      signInRefusalPage({
        language,
        problem: error.code,
        backTo: error.consultation && joinPagePath(error.consultation.joinCode),
      }),
    );
}

export function oidcRoutes(deps: VerifiedSignInDeps): express.Router {
  const router = express.Router();

  router.get("/auth/oidc/start", async (req, res) => {
    const consultationId = typeof req.query.consultationId === "string" ? req.query.consultationId : "";
    const browserKey = browserKeyOf(req) ?? randomBytes(32).toString("base64url");
    try {
      const url = await startSignIn(deps, consultationId.slice(0, 64), browserKey);
      // Lax: the provider's redirect back is a top-level navigation from its site, which Lax lets through.
      res.cookie(BROWSER_COOKIE, browserKey, {
        httpOnly: true,
        sameSite: "lax",
        secure: req.secure,
        path: "/auth/oidc",
        maxAge: SIGN_IN_TTL_MS,
      });
      res.set("cache-control", "no-store").redirect(303, url.href);
    } catch (error) {
      refuse(req, res, error);
    }
  });

  router.get("/auth/oidc/callback", async (req, res) => {
    const search = new URL(req.originalUrl, "http://callback").search;
    try {
      const { consultation, ticket } = await finishSignIn(deps, search, browserKeyOf(req));
      // In the fragment, which browsers never send to a server or put in a Referer; the page takes it out.
      res
        .set("cache-control", "no-store")
        .redirect(303, `${joinPagePath(consultation.joinCode)}#signin=${ticket}`);
    } catch (error) {
      refuse(req, res, error);
    }
  });

  return router;
}
