import { describe, expect, it } from "vitest";
import { CATALOGS, translate } from "../../shared/i18n/index.ts";
import { ERROR_CODES } from "../../shared/protocol/error-codes.ts";
import { LANGUAGES } from "../../shared/protocol/roles.ts";

describe("i18n catalogs", () => {
  it("have exactly the same keys in every language, none empty", () => {
    const reference = Object.keys(CATALOGS.en).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(CATALOGS[language]).sort(), language).toEqual(reference);
      for (const [key, text] of Object.entries(CATALOGS[language]))
        expect(text.trim(), `${language}:${key}`).not.toBe("");
    }
  });

  it("use the same placeholders in every language", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(CATALOGS.en)) {
      for (const language of LANGUAGES) {
        expect(
          placeholders(CATALOGS[language][key as keyof typeof CATALOGS.en]),
          `${language}:${key}`,
        ).toEqual(placeholders(english));
      }
    }
  });

  it("translate every error code the server can send", () => {
    for (const code of ERROR_CODES) {
      for (const language of LANGUAGES) expect(CATALOGS[language]).toHaveProperty(`error.${code}`);
    }
  });

  it("fill placeholders", () => {
    expect(translate("nl", "hall.participants", { count: 3 })).toBe("Aanwezig (3)");
    expect(translate("fr", "join.heading", { title: "Parc" })).toBe("Rejoindre « Parc »");
  });
});
