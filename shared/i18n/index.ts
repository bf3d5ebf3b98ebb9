import type { Language } from "../protocol/roles.ts";
import type { Catalog, MessageKey } from "./catalog.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import { nl } from "./nl.ts";

export type { Catalog, MessageKey } from "./catalog.ts";

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, nl, fr };

export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks up `key` in the language's catalog and fills `{name}` placeholders from `params`. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGS[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isLanguage(value: string): value is Language {
  return value === "en" || value === "nl" || value === "fr";
}
