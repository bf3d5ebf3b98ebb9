import { type FormEvent, useEffect, useId, useState } from "react";
import {
  CODE_OF_CONDUCT_MAX,
  checkCodeOfConduct,
  defaultCodeOfConduct,
} from "../../../shared/consultation/code-of-conduct.ts";
import { TITLE_MAX } from "../../../shared/consultation/consultation-title.ts";
import type { AccessMode } from "../../../shared/protocol/access-modes.ts";
import type { CreateConsultationResponse } from "../../../shared/protocol/http-api.ts";
import type { Language } from "../../../shared/protocol/roles.ts";
import { describeError, useLanguage, useT } from "../app/i18n.tsx";
import { createConsultation, createOptions } from "../net/api-client.ts";
import { AccessChoice } from "./AccessChoice.tsx";
import { LanguageSelect } from "./LanguageSelect.tsx";

export interface CreateConsultationFormProps {
  readonly onCreated: (created: CreateConsultationResponse) => void;
}

export function CreateConsultationForm({ onCreated }: CreateConsultationFormProps) {
  const t = useT();
  const { language: uiLanguage } = useLanguage();
  const id = useId();
  const [title, setTitle] = useState("");
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [access, setAccess] = useState<AccessMode>("open");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  // Only on servers whose operator lets their staff alone create (CREATE_SECRET).
  const [secretRequired, setSecretRequired] = useState(false);
  const [secret, setSecret] = useState("");
  useEffect(() => {
    let current = true;
    createOptions().then((options) => {
      if (current) setSecretRequired(options.secretRequired);
    });
    return () => {
      current = false;
    };
  }, []);
  // Untouched, the code of conduct follows the chosen language's default; once edited it is the facilitator's.
  const [ownConduct, setOwnConduct] = useState<string | null>(null);
  const conduct = ownConduct ?? defaultCodeOfConduct(language);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (title.trim().length === 0) {
      setError(t("error.invalid_title"));
      return;
    }
    const checkedConduct = checkCodeOfConduct(conduct);
    if (!checkedConduct.ok) {
      setError(t("error.invalid_code_of_conduct"));
      return;
    }
    setBusy(true);
    setError("");
    const result = await createConsultation({
      title: title.trim(),
      language,
      codeOfConduct: checkedConduct.text,
      access,
      ...(secretRequired ? { createSecret: secret } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(t, result.code, result.message));
      return;
    }
    onCreated(result.value);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("home.create.title")}</label>
        <input
          id={`${id}-title`}
          data-testid="create-title"
          value={title}
          maxLength={TITLE_MAX}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t("home.create.language")}</label>
        <LanguageSelect
          id={`${id}-language`}
          testId="create-language"
          value={language}
          onChange={setLanguage}
        />
      </div>
      <AccessChoice value={access} onChange={setAccess} testId="create-access" />
      <div className="field">
        <label htmlFor={`${id}-conduct`}>{t("conduct.edit")}</label>
        <textarea
          id={`${id}-conduct`}
          data-testid="create-conduct"
          className="conduct__editor"
          value={conduct}
          rows={8}
          maxLength={CODE_OF_CONDUCT_MAX}
          aria-describedby={`${id}-conduct-hint`}
          onChange={(event) => setOwnConduct(event.target.value)}
        />
        <p id={`${id}-conduct-hint`} className="field__hint">
          {t("conduct.editHint", { max: CODE_OF_CONDUCT_MAX })}
        </p>
      </div>
      {secretRequired && (
        <div className="field">
          <label htmlFor={`${id}-secret`}>{t("home.create.secret")}</label>
          <input
            id={`${id}-secret`}
            data-testid="create-secret"
            type="password"
            autoComplete="off"
            value={secret}
            maxLength={256}
            required
            aria-describedby={`${id}-secret-hint`}
            onChange={(event) => setSecret(event.target.value)}
          />
          <p id={`${id}-secret-hint`} className="field__hint">
            {t("home.create.secretHint")}
          </p>
        </div>
      )}
      {error && (
        <p className="form__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="create-submit" disabled={busy}>
        {t("home.create.submit")}
      </button>
    </form>
  );
}
