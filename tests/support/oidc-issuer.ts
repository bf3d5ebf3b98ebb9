/**
 * A real, certified OpenID provider (the `oidc-provider` package) on 127.0.0.1, as a throwaway issuer
 * for the verified consultations' tests. Its own login page accepts any password for the test users'
 * logins; the subject is the login, and one of them looks like a Belgian national number, as a FAS
 * broker's subject may be.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export const TEST_CLIENT = { id: "plenum-test", secret: "a-client-secret-for-the-test-issuer" } as const;

/** Test citizens by login; their names, numbers and postal codes must never reach Plenum's database. */
export const TEST_USERS = {
  "85073003361": { name: "Alice Peeters", national_number: "85.07.30-033.61", postal_code: "1000" },
  "90020199711": { name: "Bruno Lambert", national_number: "90.02.01-997.11", postal_code: "1020" },
  "77121500123": { name: "Chantal Dubois", national_number: "77.12.15-001.23", postal_code: "9000" },
} as const;
export type TestLogin = keyof typeof TEST_USERS;

export interface TestIssuer {
  readonly url: string;
  /** Serves the provider, its one client redirecting to `redirectUri` (known once Plenum listens). */
  serve(redirectUri: string): void;
  stop(): Promise<void>;
}

function configuration(redirectUri: string): Configuration {
  return {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["name", "national_number"], address: ["address"] },
    findAccount: (_ctx, id) => {
      const user = TEST_USERS[id as TestLogin];
      if (!user) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: user.name,
          national_number: user.national_number,
          address: { postal_code: user.postal_code, country: "BE" },
        }),
      };
    },
    // A first-party client: the test user is not asked to consent after logging in.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid profile address");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["a-cookie-key-for-the-test-issuer"] },
    features: { devInteractions: { enabled: true } },
  };
}

export async function startTestIssuer(): Promise<TestIssuer> {
  let handle: ReturnType<Provider["callback"]> | undefined;
  const server: Server = createServer((req, res) => {
    if (handle) handle(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    serve(redirectUri) {
      const provider = new Provider(url, configuration(redirectUri));
      // Its warnings about development keys and interactions are what a throwaway issuer is.
      provider.on("server_error", (_ctx, error) => console.error("test issuer:", error));
      handle = provider.callback();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
