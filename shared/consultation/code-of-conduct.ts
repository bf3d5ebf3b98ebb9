/**
 * The code of conduct everyone accepts at the door. The facilitator may write their own when creating
 * the consultation; otherwise the default in the consultation's language applies.
 */
import { CATALOGS } from "../i18n/index.ts";
import type { Language } from "../protocol/roles.ts";

/** Longest code of conduct, in characters. */
export const CODE_OF_CONDUCT_MAX = 4000;
/** Control and private-use characters have no place in it; line breaks and tabs do. */
const FORBIDDEN_IN_CODE = /[\p{Co}\p{Cn}]|[^\P{Cc}\n\t]/u;

export type CodeOfConductResult = { ok: true; text: string } | { ok: false; code: "invalid_code_of_conduct" };

/** Trimmed, with Windows line breaks made plain and at most one empty line in a row; 1 to 4000 characters. */
export function checkCodeOfConduct(raw: string): CodeOfConductResult {
  const text = raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (text.length === 0 || [...text].length > CODE_OF_CONDUCT_MAX || FORBIDDEN_IN_CODE.test(text)) {
    return { ok: false, code: "invalid_code_of_conduct" };
  }
  return { ok: true, text };
}

/** The code of conduct a consultation gets when its facilitator does not write one. */
export function defaultCodeOfConduct(language: Language): string {
  return CATALOGS[language]["conduct.default"];
}
