import { type FormEvent, useId, useState } from "react";
import { checkDisplayName, DISPLAY_NAME_MAX } from "../../../shared/protocol/display-name.ts";
import type { JoinResponse } from "../../../shared/protocol/http-api.ts";
import { describeError, useT } from "../app/i18n.tsx";
import { loadProfile, saveProfile } from "../app/saved-profile.ts";
import { useSharedDevice } from "../app/shared-device.ts";
import { type JoinKey, joinConsultation } from "../net/api-client.ts";
import { unlockAudio } from "../voice/audio-context.ts";
import { cancelPendingVrSession, requestVrSessionNow, useImmersiveVrSupported } from "../xr/vr-support.ts";
import { CodeOfConductField } from "./CodeOfConductField.tsx";
import { ColorPicker } from "./ColorPicker.tsx";
import { MicrophoneCheck } from "./MicrophoneCheck.tsx";
import { SeatedPlayToggle } from "./SeatedPlayToggle.tsx";
import { SharedDeviceField } from "./SharedDeviceField.tsx";

export interface JoinFormProps {
  readonly doorKey: JoinKey;
  /** The consultation's code of conduct, to be accepted before entering. */
  readonly codeOfConduct: string;
  readonly onJoined: (join: JoinResponse) => void;
  /** Takes a refusal over from the form (a spent sign-in goes back to the sign-in button); true when it did. */
  readonly onRefused?: (code: string) => boolean;
}

/** Name and colour, checked as they are typed with the same rule the server applies. */
export function JoinForm({ doorKey, codeOfConduct, onJoined, onRefused }: JoinFormProps) {
  const t = useT();
  const id = useId();
  const [initial] = useState(loadProfile);
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.color);
  // A pre-filled or untouched field is not scolded until the person types or tries to enter.
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const vrSupported = useImmersiveVrSupported();
  const [error, setError] = useState("");
  const [accepted, setAccepted] = useState(false);
  const [tried, setTried] = useState(false);
  const shared = useSharedDevice((state) => state.on);

  const check = checkDisplayName(name);
  const nameProblem = touched && !check.ok ? t(`name.${check.reason}`, { max: DISPLAY_NAME_MAX }) : "";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setTried(true);
    if (!check.ok || !accepted) return;
    // Browsers only start sound inside a click: this one lets voices play once in the hall.
    unlockAudio();
    // The headset only opens a VR session inside the click, so ask now and let the hall take it over.
    const inVr = (event.nativeEvent as SubmitEvent).submitter?.dataset.vr === "true";
    if (inVr) requestVrSessionNow();
    setBusy(true);
    setError("");
    const result = await joinConsultation(doorKey, check.name, color, accepted);
    setBusy(false);
    if (!result.ok) {
      if (inVr) cancelPendingVrSession();
      if (onRefused?.(result.code)) return;
      setError(describeError(t, result.code, result.message));
      return;
    }
    saveProfile({ name: check.name, color });
    onJoined(result.value);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t("join.name")}</label>
        <input
          id={`${id}-name`}
          data-testid="display-name"
          value={name}
          // A shared device's browser must not offer the last person's name either.
          autoComplete={shared ? "off" : "nickname"}
          required
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={`${id}-name-help`}
          onChange={(event) => {
            setName(event.target.value);
            setTouched(true);
          }}
        />
        <p
          id={`${id}-name-help`}
          className={nameProblem ? "field__problem" : "field__hint"}
          aria-live="polite"
        >
          {nameProblem || t("join.nameHint", { max: DISPLAY_NAME_MAX })}
        </p>
      </div>
      <ColorPicker value={color} onChange={setColor} />
      <MicrophoneCheck />
      <CodeOfConductField
        text={codeOfConduct}
        accepted={accepted}
        onChange={setAccepted}
        problem={tried && !accepted}
      />
      <SharedDeviceField />
      {error && (
        <p className="form__error" role="alert" data-testid="join-error">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="enter-hall" disabled={busy}>
        {busy ? t("join.entering") : t("join.enter")}
      </button>
      {vrSupported && (
        <>
          <SeatedPlayToggle />
          <button
            type="submit"
            className="button button--primary"
            data-testid="enter-hall-vr"
            data-vr="true"
            disabled={busy}
          >
            {t("join.enterVr")}
          </button>
        </>
      )}
    </form>
  );
}
