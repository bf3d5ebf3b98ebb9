import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../server/config.ts";

const OIDC = {
  OIDC_ISSUER: "https://login.example.org/realms/city",
  OIDC_CLIENT_ID: "plenum",
  OIDC_CLIENT_SECRET: "a-client-secret",
  OIDC_REDIRECT_URL: "https://hall.example.org/auth/oidc/callback",
};

describe("OpenID Connect configuration", () => {
  it("is off when none of the four variables is set, on when all are", () => {
    expect(readConfig({}).oidc).toBeUndefined();
    const oidc = readConfig(OIDC).oidc;
    expect(oidc?.issuer.href).toBe("https://login.example.org/realms/city");
    expect(oidc?.clientId).toBe("plenum");
    expect(oidc?.clientSecret).toBe("a-client-secret");
    expect(oidc?.redirectUrl.href).toBe("https://hall.example.org/auth/oidc/callback");
  });

  it("accepts plain http only on loopback", () => {
    const local = {
      ...OIDC,
      OIDC_ISSUER: "http://127.0.0.1:4000",
      OIDC_REDIRECT_URL: "http://localhost:8080/auth/oidc/callback",
    };
    expect(readConfig(local).oidc?.issuer.host).toBe("127.0.0.1:4000");
    expect(() => readConfig({ ...OIDC, OIDC_ISSUER: "http://login.example.org" })).toThrow("OIDC_ISSUER");
  });

  it.each([
    [{ ...OIDC, OIDC_CLIENT_SECRET: "" }, "OIDC_CLIENT_SECRET"],
    [{ OIDC_ISSUER: OIDC.OIDC_ISSUER }, "OIDC_CLIENT_ID"],
    [{ ...OIDC, OIDC_ISSUER: "login.example.org" }, "OIDC_ISSUER"],
    [{ ...OIDC, OIDC_REDIRECT_URL: "https://hall.example.org/" }, "OIDC_REDIRECT_URL"],
    [{ ...OIDC, OIDC_REDIRECT_URL: "https://hall.example.org/auth/oidc/callback?x=1" }, "OIDC_REDIRECT_URL"],
  ])("names the missing or malformed variable for %j", (env, variable) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(variable);
  });
});
