/**
 * The privacy settings are checked at start-up like every other variable, and "Erase me" finds the
 * pseudonym as a whole word in others' texts without mangling other words.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../server/config.ts";
import { mentionsOf, REDACTED, redact, redactJson } from "../../shared/consultation/erasure.ts";

const LIVEKIT = {
  LIVEKIT_URL: "wss://voice.example.org",
  LIVEKIT_API_KEY: "key",
  LIVEKIT_API_SECRET: "a-secret-of-at-least-thirty-two-characters",
};

function problem(env: Record<string, string>): ConfigError {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a configuration error for ${JSON.stringify(env)}`);
}

describe("VOICE_MODE", () => {
  it("is auto by default, with or without LiveKit", () => {
    expect(readConfig({}).voiceMode).toBe("auto");
    expect(readConfig(LIVEKIT).voiceMode).toBe("auto");
  });

  it("livekit requires the LiveKit server: without it the server does not start", () => {
    expect(readConfig({ ...LIVEKIT, VOICE_MODE: "livekit" }).voiceMode).toBe("livekit");
    expect(readConfig({ ...LIVEKIT, VOICE_MODE: " LiveKit " }).voiceMode).toBe("livekit");
    const missing = problem({ VOICE_MODE: "livekit" });
    expect(missing.variable).toBe("VOICE_MODE");
    expect(missing.message).toMatch(/LIVEKIT_URL/);
  });

  it("names the variable for anything else", () => {
    expect(problem({ VOICE_MODE: "mesh" }).variable).toBe("VOICE_MODE");
    expect(problem({ ...LIVEKIT, VOICE_MODE: "sfu" }).variable).toBe("VOICE_MODE");
  });
});

describe("PRIVACY_CONTROLLER and PRIVACY_CONTACT", () => {
  it("are unset by default, and read trimmed", () => {
    const none = readConfig({});
    expect(none.privacyController).toBeUndefined();
    expect(none.privacyContact).toBeUndefined();
    const set = readConfig({
      PRIVACY_CONTROLLER: "  Stad Gent – Dienst Participatie  ",
      PRIVACY_CONTACT: " dpo@example.org ",
    });
    expect(set.privacyController).toBe("Stad Gent – Dienst Participatie");
    expect(set.privacyContact).toBe("dpo@example.org");
    expect(readConfig({ PRIVACY_CONTACT: "https://example.org/privacy" }).privacyContact).toBe(
      "https://example.org/privacy",
    );
  });

  it("refuse a controller that is too long or carries control or invisible characters", () => {
    expect(problem({ PRIVACY_CONTROLLER: "x".repeat(201) }).variable).toBe("PRIVACY_CONTROLLER");
    expect(problem({ PRIVACY_CONTROLLER: "City\nof Ghent" }).variable).toBe("PRIVACY_CONTROLLER");
    expect(problem({ PRIVACY_CONTROLLER: "City\u202eof Ghent" }).variable).toBe("PRIVACY_CONTROLLER");
  });

  it("take an e-mail or a web address as contact, nothing else", () => {
    for (const bad of ["call us", "javascript:alert(1)", "ftp://example.org", "dpo@", "a@b", "<dpo@x.org>"])
      expect(problem({ PRIVACY_CONTACT: bad }).variable, bad).toBe("PRIVACY_CONTACT");
  });
});

describe("redacting a pseudonym", () => {
  const zora = mentionsOf("Zora Quill");

  it("replaces whole-word mentions in any case", () => {
    expect(redact("Thanks Zora Quill, and ZORA QUILL again.", zora)).toBe(
      `Thanks ${REDACTED}, and ${REDACTED} again.`,
    );
    expect(redact("zora quill's idea", zora)).toBe(`${REDACTED}'s idea`);
  });

  it("leaves longer words, other names and texts without a mention alone", () => {
    expect(redact("Zora Quillbury and Zora Quill2", zora)).toBe("Zora Quillbury and Zora Quill2");
    const ann = mentionsOf("Ann");
    expect(redact("Annie planned the annex; Ann agreed.", ann)).toBe(
      `Annie planned the annex; ${REDACTED} agreed.`,
    );
    expect(redact("Élodie et Éло", mentionsOf("Élodie"))).toBe(`${REDACTED} et Éло`);
  });

  it("treats the pseudonym as text, not as a pattern", () => {
    expect(redact("a.b and a+b", mentionsOf("a+b"))).toBe(`a.b and ${REDACTED}`);
    expect(redact("(x) and x", mentionsOf("(x)"))).toBe(`${REDACTED} and x`);
  });

  it("does not look for one-letter pseudonyms", () => {
    expect(mentionsOf("A")).toBeUndefined();
    expect(redact("A park", mentionsOf("A"))).toBe("A park");
  });

  it("redacts every string inside a stored report, keys untouched", () => {
    expect(redactJson({ Zora: ["Zora Quill said", 3, { t: "zora quill" }], n: null }, zora)).toEqual({
      Zora: [`${REDACTED} said`, 3, { t: REDACTED }],
      n: null,
    });
  });
});
