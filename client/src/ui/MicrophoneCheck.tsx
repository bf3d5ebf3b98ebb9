import { useEffect, useId, useRef, useState } from "react";
import { useT } from "../app/i18n.tsx";
import { sceneAudioContext, unlockAudio } from "../voice/audio-context.ts";
import { meterTrack } from "../voice/microphone-meter.ts";
import { chooseMicrophone, openMicrophone, setJoinMuted, useMicrophone } from "../voice/microphone-state.ts";

/** Loud speech reads around 0.1 to 0.3 RMS; this scales it to fill most of the meter. */
const METER_SCALE = 4;

/** In the lobby: which microphone, a test with a level meter, and whether to enter muted. */
export function MicrophoneCheck() {
  const t = useT();
  const id = useId();
  const permission = useMicrophone((state) => state.permission);
  const devices = useMicrophone((state) => state.devices);
  const deviceId = useMicrophone((state) => state.deviceId);
  const track = useMicrophone((state) => state.track);
  const joinMuted = useMicrophone((state) => state.joinMuted);
  const [testing, setTesting] = useState(false);
  const meter = useRef<HTMLMeterElement>(null);

  // Tell at once when the browser has already refused the microphone for this site.
  useEffect(() => {
    void navigator.permissions
      ?.query({ name: "microphone" as PermissionName })
      .then((status) => {
        if (status.state === "denied") useMicrophone.setState({ permission: "denied" });
      })
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!testing || !track) return;
    const level = meterTrack(sceneAudioContext(), track);
    let frame = 0;
    const draw = () => {
      if (meter.current) meter.current.value = Math.min(1, level.level() * METER_SCALE);
      frame = requestAnimationFrame(draw);
    };
    draw();
    return () => {
      cancelAnimationFrame(frame);
      level.stop();
    };
  }, [testing, track]);

  const toggleTest = () => {
    if (testing) {
      setTesting(false);
      return;
    }
    // The meter runs on the page's AudioContext, which only starts inside a click.
    unlockAudio();
    void openMicrophone().then((opened) => setTesting(opened !== null));
  };

  const blocked = permission === "denied" || permission === "unavailable";
  return (
    <fieldset className="field microphone-check" data-testid="microphone-check">
      <legend>{t("voice.heading")}</legend>
      {devices.length > 1 && (
        <div className="microphone-check__row">
          <label htmlFor={`${id}-device`}>{t("voice.device")}</label>
          <select
            id={`${id}-device`}
            data-testid="microphone-device"
            value={deviceId}
            onChange={(event) => void chooseMicrophone(event.target.value)}
          >
            {devices.map((device) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {!blocked && (
        <div className="microphone-check__row">
          <button type="button" className="button" data-testid="microphone-test" onClick={toggleTest}>
            {testing ? t("voice.stopTest") : t("voice.test")}
          </button>
          {testing && (
            <meter
              ref={meter}
              className="microphone-check__meter"
              data-testid="microphone-level"
              aria-label={t("voice.level")}
              min={0}
              max={1}
              low={0.05}
              high={0.85}
              optimum={0.4}
              value={0}
            />
          )}
        </div>
      )}
      {testing && <p className="field__hint">{t("voice.testHint")}</p>}
      {blocked && (
        <p className="form__error" role="alert" data-testid="microphone-denied">
          {t(permission === "denied" ? "voice.denied" : "voice.unavailable")}
        </p>
      )}
      <label className="microphone-check__muted">
        <input
          type="checkbox"
          data-testid="join-muted"
          checked={joinMuted}
          onChange={(event) => setJoinMuted(event.target.checked)}
        />
        {t("voice.joinMuted")}
      </label>
    </fieldset>
  );
}
