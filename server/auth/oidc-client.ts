/**
 * The relying party of verified consultations, on openid-client: discovery, the authorization code flow
 * with PKCE, and every check of the provider's answer (state, issuer, audience, signature, expiry and
 * nonce of the ID token) are the library's, not ours.
 */
import * as oidc from "openid-client";
import type { OidcSettings } from "../config.ts";

/** What a sign-in must remember between sending the person off and their callback. */
export interface SignInSecrets {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** The provider's verified answer: the ID token's claims, with the user info's when asked for. */
export interface SignedInPerson {
  readonly issuer: string;
  readonly subject: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Why the provider's answer was refused: the person declined or the provider failed (`provider`), or a check failed. */
export class SignInRefused extends Error {
  readonly kind: "provider" | "check";
  constructor(kind: "provider" | "check", message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}

export interface OidcClient {
  /** A new sign-in: its secrets and the provider's page to send the person to. */
  begin(scopes: readonly string[]): Promise<SignInSecrets & { readonly url: URL }>;
  /** Redeems the callback (`search` is its query string) against the secrets of the sign-in it claims to end. */
  finish(search: string, secrets: SignInSecrets, withUserInfo: boolean): Promise<SignedInPerson>;
}

export function oidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<oidc.Configuration> | undefined;
  // Discovered on first use, not at start-up, so that a provider that is down does not stop the hall;
  // a failed discovery is tried again by the next sign-in.
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(
        settings.issuer,
        settings.clientId,
        undefined,
        oidc.ClientSecretBasic(settings.clientSecret),
        // The configuration admits plain http only on loopback (a provider on this machine).
        settings.issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new SignInRefused("provider", "The sign-in provider could not be reached.", { cause: error });
      });
    return discovered;
  };

  return {
    async begin(scopes) {
      const config = await configuration();
      const secrets = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl.href,
        scope: ["openid", ...scopes].join(" "),
        state: secrets.state,
        nonce: secrets.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
        code_challenge_method: "S256",
      });
      return { ...secrets, url };
    },

    async finish(search, secrets, withUserInfo) {
      const config = await configuration();
      const callback = new URL(settings.redirectUrl);
      callback.search = search;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callback, {
          expectedState: secrets.state,
          expectedNonce: secrets.nonce,
          pkceCodeVerifier: secrets.codeVerifier,
          idTokenExpected: true,
        });
      } catch (error) {
        if (error instanceof oidc.AuthorizationResponseError)
          throw new SignInRefused("provider", `The provider ended the sign-in: ${error.error}.`, {
            cause: error,
          });
        throw new SignInRefused("check", "The provider's answer did not pass the checks.", { cause: error });
      }
      const idToken = tokens.claims();
      if (!idToken) throw new SignInRefused("check", "The provider sent no ID token.");
      const userInfo = withUserInfo
        ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub).catch((error: unknown) => {
            throw new SignInRefused("provider", "The provider's user info could not be read.", {
              cause: error,
            });
          })
        : {};
      return { issuer: idToken.iss, subject: idToken.sub, claims: { ...userInfo, ...idToken } };
    },
  };
}
