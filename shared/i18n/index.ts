import type { Language } from "../protocol/roles.ts";
import type { Catalog, MessageKey } from "./catalog.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import { nl } from "./nl.ts";

export type { Catalog, MessageKey } from "./catalog.ts";

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, nl, fr };

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Looks up `key` in the language's catalog and fills `{name}` placeholders from `params`; numbers are
 * written the language's way (1,250.5 in English, 1.250,5 in Dutch, 1 250,5 in French).
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGS[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(language, value) : value;
  });
}

/** A number written the language's way; `options` as for `Intl.NumberFormat` (e.g. a percent style). */
export function formatNumber(language: Language, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(language, options).format(value);
}

/** A moment (epoch milliseconds) written the language's way; `options` as for `Intl.DateTimeFormat`. */
export function formatDateTime(
  language: Language,
  epochMs: number,
  options: Intl.DateTimeFormatOptions,
): string {
  return new Intl.DateTimeFormat(language, options).format(epochMs);
}

export function isLanguage(value: string): value is Language {
  return value === "en" || value === "nl" || value === "fr";
}
