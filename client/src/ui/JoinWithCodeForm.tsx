import { type FormEvent, useId, useState } from "react";
import { isWellFormedJoinCode, normalizeJoinCode } from "../../../shared/protocol/join-code.ts";
import { useT } from "../app/i18n.tsx";
import { joinPath, navigate } from "../app/routes.ts";

/** A code read aloud or copied from a message, typed however it comes (spaces, dashes, lower case). */
export function JoinWithCodeForm() {
  const t = useT();
  const id = useId();
  const [code, setCode] = useState("");
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!isWellFormedJoinCode(normalized)) {
      setInvalid(true);
      return;
    }
    navigate(joinPath(normalized));
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t("home.join.code")}</label>
        <input
          id={`${id}-code`}
          className="code-input"
          data-testid="home-code-input"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(event) => {
            setCode(event.target.value);
            setInvalid(false);
          }}
        />
      </div>
      {invalid && (
        <p className="form__error" id={`${id}-error`} role="alert">
          {t("home.join.invalid")}
        </p>
      )}
      <button type="submit" className="button" data-testid="home-code-submit">
        {t("home.join.submit")}
      </button>
    </form>
  );
}
