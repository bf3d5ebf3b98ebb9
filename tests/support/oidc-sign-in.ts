/**
 * Signing in to a verified consultation over plain HTTP, the way a browser does it: Plenum's start,
 * the test issuer's own login form, and back. Redirects are followed by hand, so that a test can hold
 * the provider's callback, tamper with it or replay it.
 */
import type { TestLogin } from "./oidc-issuer.ts";

/** The cookies of one browser (the issuer and Plenum share 127.0.0.1, and their cookie names differ). */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      this.#cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
}

async function get(url: URL | string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.keep(response);
  return response;
}

function next(response: Response, from: URL | string): URL {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect from ${from}, got ${response.status}`);
  return new URL(location, from);
}

/** Starts a sign-in at Plenum in `jar`'s browser; answers Plenum's redirect (the provider's page). */
export async function startSignInOverHttp(
  plenumUrl: string,
  consultationId: string,
  jar: CookieJar,
): Promise<URL> {
  const start = `${plenumUrl}/auth/oidc/start?consultationId=${encodeURIComponent(consultationId)}`;
  const response = await get(start, jar);
  if (response.status !== 303) throw new Error(`start answered ${response.status}: ${await response.text()}`);
  return next(response, start);
}

/** Logs in at the provider's own form from its authorization URL; answers its redirect back to Plenum. */
export async function loginAtProvider(authorization: URL, login: TestLogin, jar: CookieJar): Promise<URL> {
  let url = next(await get(authorization, jar), authorization);
  const page = await get(url, jar);
  const action = /<form[^>]*action="([^"]+)"/.exec(await page.text())?.[1];
  if (!action) throw new Error(`no login form at ${url}`);
  const submit = new URL(action.replaceAll("&amp;", "&"), url);
  const posted = await fetch(submit, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ prompt: "login", login, password: "any password" }),
  });
  jar.keep(posted);
  url = next(posted, submit);
  // The provider resumes the authorization and redirects to the client, possibly in a few steps.
  for (let hop = 0; hop < 5; hop++) {
    if (url.pathname === "/auth/oidc/callback") return url;
    url = next(await get(url, jar), url);
  }
  throw new Error(`the provider never redirected back to Plenum (last at ${url})`);
}

/** Plenum's answer to a callback, in `jar`'s browser. */
export function visitCallback(callback: URL, jar: CookieJar): Promise<Response> {
  return get(callback, jar);
}

/** The one-use ticket in the join page address Plenum redirects a successful sign-in to. */
export function ticketFrom(response: Response): string {
  const location = response.headers.get("location") ?? "";
  const ticket = /#signin=([\w-]+)$/.exec(location)?.[1];
  if (response.status !== 303 || !ticket) throw new Error(`no ticket: ${response.status} ${location}`);
  return ticket;
}

/** A whole sign-in of `login` in a fresh browser: the ticket for `POST /api/join`. */
export async function signInOverHttp(
  plenumUrl: string,
  consultationId: string,
  login: TestLogin,
): Promise<string> {
  const jar = new CookieJar();
  const callback = await loginAtProvider(
    await startSignInOverHttp(plenumUrl, consultationId, jar),
    login,
    jar,
  );
  return ticketFrom(await visitCallback(callback, jar));
}
