/**
 * The page a refused sign-in lands on: what happened and what to do next, in the consultation's
 * language (or the browser's, when the consultation is unknown), with a way back.
 */
import { type MessageKey, translate } from "../../shared/i18n/index.ts";
import type { Language } from "../../shared/protocol/roles.ts";
import type { SignInProblemCode } from "../consultations/verified-sign-in.ts";

export interface RefusalPage {
  readonly language: Language;
  readonly problem: SignInProblemCode;
  /** The consultation's join page, when the consultation is known. */
  readonly backTo: string | undefined;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

export function signInRefusalPage({ language, problem, backTo }: RefusalPage): string {
  const t = (key: MessageKey) => escaped(translate(language, key));
  const link =
    backTo === undefined ? { href: "/", label: t("signIn.home") } : { href: backTo, label: t("signIn.back") };
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("signIn.title")} · ${t("app.name")}</title>
<style>
body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; padding: 2rem 1rem; color: #1a1a2e; background: #f5f5fa; }
main { max-width: 36rem; margin: 0 auto; background: #fff; padding: 1.5rem; border-radius: 0.75rem; }
a { display: inline-block; padding: 0.75rem 1.25rem; background: #2b3a8c; color: #fff; border-radius: 0.5rem; }
a:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${t("signIn.title")}</h1>
<p role="alert" data-problem="${problem}">${t(`signIn.problem.${problem}`)}</p>
<p><a href="${escaped(link.href)}">${link.label}</a></p>
</main>
</body>
</html>
`;
}
