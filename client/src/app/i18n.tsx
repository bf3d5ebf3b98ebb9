/** The interface language, shared by every page, and `useT()` to translate in the current one. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import {
  CATALOGS,
  isLanguage,
  type MessageKey,
  type MessageParams,
  translate,
} from "../../../shared/i18n/index.ts";
import type { Language } from "../../../shared/protocol/roles.ts";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface LanguageContextValue {
  readonly language: Language;
  /** The participant's own choice (the language switch): remembered on this device, it wins from then on. */
  readonly setLanguage: (language: Language) => void;
  /** A consultation's language: the interface takes it unless the participant chose one. */
  readonly offerLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

const CHOICE_KEY = "plenum.language";

function chosenLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(CHOICE_KEY);
    return saved !== null && isLanguage(saved) ? saved : null;
  } catch {
    // Storage disabled: the switch still works for this page, it is just not remembered.
    return null;
  }
}

/** The browser's preferred language when we have a catalog for it, else English. */
function preferredLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return "en";
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<Language | null>(chosenLanguage);
  const [offered, setOffered] = useState<Language>(preferredLanguage);
  const language = chosen ?? offered;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(
    () => ({
      language,
      setLanguage: (choice: Language) => {
        setChosen(choice);
        try {
          localStorage.setItem(CHOICE_KEY, choice);
        } catch {
          // Not remembered across visits; this page still switches.
        }
      },
      offerLanguage: setOffered,
    }),
    [language],
  );
  return <LanguageContext value={value}>{children}</LanguageContext>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage() needs a <LanguageProvider> above it.");
  return value;
}

/** Makes a consultation's language the default of the interface while this component is shown. */
export function useConsultationLanguage(language: string | undefined): void {
  const { offerLanguage } = useLanguage();
  useEffect(() => {
    if (language !== undefined && isLanguage(language)) offerLanguage(language);
  }, [language, offerLanguage]);
}

export function useT(): Translate {
  const { language } = useLanguage();
  return useCallback((key, params) => translate(language, key, params), [language]);
}

export function isMessageKey(key: string): key is MessageKey {
  return key in CATALOGS.en;
}

/** A refusal from the server in the reader's language, or the server's own words for a code we do not know. */
export function describeError(t: Translate, code: string, message: string): string {
  const key = `error.${code}`;
  return isMessageKey(key) ? t(key) : message;
}
