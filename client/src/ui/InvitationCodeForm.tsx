import { type FormEvent, useId, useState } from "react";
import {
  groupInvitationCode,
  invitationPath,
  isWellFormedInvitationCode,
  normalizeJoinCode,
} from "../../../shared/protocol/join-code.ts";
import { useT } from "../app/i18n.tsx";
import { navigate } from "../app/routes.ts";

/** The code on a personal invitation, typed however it comes (groups, spaces, lower case). */
export function InvitationCodeForm() {
  const t = useT();
  const id = useId();
  const [code, setCode] = useState("");
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!isWellFormedInvitationCode(normalized)) {
      setInvalid(true);
      return;
    }
    navigate(invitationPath(groupInvitationCode(normalized)));
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t("home.join.invitation")}</label>
        <input
          id={`${id}-code`}
          className="code-input"
          data-testid="invitation-code-input"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : `${id}-hint`}
          onChange={(event) => {
            setCode(event.target.value);
            setInvalid(false);
          }}
        />
        <p id={`${id}-hint`} className="field__hint">
          {t("home.join.invitationHint")}
        </p>
      </div>
      {invalid && (
        <p className="form__error" id={`${id}-error`} role="alert">
          {t("home.join.invitationInvalid")}
        </p>
      )}
      <button type="submit" className="button" data-testid="invitation-code-submit">
        {t("home.join.invitationSubmit")}
      </button>
    </form>
  );
}
