import { describe, expect, it } from "vitest";
import { CATALOGS, formatDateTime, formatNumber, translate } from "../../shared/i18n/index.ts";
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

  it("write numbers and dates the language's way", () => {
    expect(translate("en", "budget.total", { amount: 1250.5 })).toContain("1,250.5");
    expect(translate("nl", "budget.total", { amount: 1250.5 })).toContain("1.250,5");
    // French groups thousands with a narrow no-break space.
    expect(translate("fr", "budget.total", { amount: 1250.5 })).toContain("1\u202f250,5");
    expect(formatNumber("fr", 0.25, { style: "percent" })).toBe("25\u00a0%");
    const closedAt = Date.UTC(2026, 2, 4, 12, 0);
    const date = { dateStyle: "long", timeZone: "UTC" } as const;
    expect(formatDateTime("en", closedAt, date)).toBe("March 4, 2026");
    expect(formatDateTime("nl", closedAt, date)).toBe("4 maart 2026");
    expect(formatDateTime("fr", closedAt, date)).toBe("4 mars 2026");
  });

  it("fill placeholders", () => {
    expect(translate("nl", "hall.participants", { count: 3 })).toBe("Aanwezig (3)");
    expect(translate("fr", "join.heading", { title: "Parc" })).toBe("Rejoindre « Parc »");
  });
});
