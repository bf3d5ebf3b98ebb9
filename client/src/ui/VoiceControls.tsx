import { useEffect, useId } from "react";
import { isFacilitating } from "../../../shared/consultation/roles.ts";
import { useT } from "../app/i18n.tsx";
import { cannotSpeakNote } from "../facilitation/speaker-notices.ts";
import { useConsultation } from "../net/consultation-store.ts";
import { useFacilitation } from "../net/facilitation-store.ts";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { setLowBandwidth, useLowBandwidth } from "../net/low-bandwidth.ts";
import { useMicrophone } from "../voice/microphone-state.ts";
import { useSpeaking } from "../voice/speaking.ts";
import { listenToVoiceKeys } from "../voice/voice-keys.ts";
import { resumeVoicePlayback, useVoiceStatus } from "../voice/voice-session.ts";
import { updateVoiceSettings, useVoiceSettings } from "../voice/voice-settings.ts";
import { MicIcon, MicOffIcon } from "./icons.tsx";

/** Our own microphone state (always shown), voice status and notices, and the sound settings. */
export function VoiceControls() {
  const t = useT();
  const id = useId();
  const muted = useMicrophone((state) => state.muted);
  const permission = useMicrophone((state) => state.permission);
  const phase = useConsultation((state) => state.phase);
  const speakingMode = useFacilitation((state) => state.mode);
  const self = useHallStore(selectSelf);
  const canSpeak = self?.canSpeak ?? false;
  const facilitating = isFacilitating(self?.role ?? "");
  const count = useHallStore((state) => state.participants.length);
  const selfId = useHallStore((state) => state.selfId);
  const speaking = useSpeaking((state) => state.ids.has(selfId));
  const { mode, playbackBlocked, crowded } = useVoiceStatus();
  const { panning, pushToTalk } = useVoiceSettings();
  const lowBandwidth = useLowBandwidth((state) => state.on);

  useEffect(listenToVoiceKeys, []);

  const live = !muted && canSpeak && permission !== "denied";
  return (
    <div className="panel voice-controls" data-testid="voice-controls">
      <p
        className={`voice-controls__mic${live ? " voice-controls__mic--live" : ""}${speaking && live ? " voice-controls__mic--speaking" : ""}`}
        data-testid="mic-status"
        data-muted={!live}
        role="status"
      >
        {live ? <MicIcon /> : <MicOffIcon />} {live ? t("voice.micOn") : t("voice.micOff")}
      </p>
      {!canSpeak && (
        <p className="voice-controls__note" data-testid="cannot-speak">
          {t(
            cannotSpeakNote(
              {
                role: self?.role ?? "",
                hasFloor: self?.hasFloor ?? false,
                mutedByFacilitator: self?.mutedByFacilitator ?? false,
              },
              speakingMode,
              phase,
            ),
          )}
        </p>
      )}
      {permission === "denied" && <p className="voice-controls__note">{t("voice.denied")}</p>}
      {mode === "connecting" && <p className="voice-controls__note">{t("voice.connecting")}</p>}
      {mode === "failed" && <p className="voice-controls__note">{t("voice.failed")}</p>}
      {playbackBlocked && (
        <button
          type="button"
          className="button button--primary"
          data-testid="enable-audio"
          onClick={resumeVoicePlayback}
        >
          {t("voice.enableAudio")}
        </button>
      )}
      {crowded && facilitating && (
        <p className="voice-controls__note" role="note" data-testid="voice-crowded">
          {t("voice.crowded", { count })}
        </p>
      )}
      <details className="voice-controls__settings">
        <summary>{t("voice.settings")}</summary>
        <label className="voice-controls__option keyboard-only">
          <input
            type="checkbox"
            data-testid="push-to-talk"
            checked={pushToTalk}
            onChange={(event) => updateVoiceSettings({ pushToTalk: event.target.checked })}
          />
          {t("voice.pushToTalk")}
        </label>
        <label className="voice-controls__option" htmlFor={`${id}-panning`}>
          {t("voice.panning")}
        </label>
        <select
          id={`${id}-panning`}
          data-testid="voice-panning"
          value={panning}
          onChange={(event) =>
            updateVoiceSettings({ panning: event.target.value === "equalpower" ? "equalpower" : "hrtf" })
          }
        >
          <option value="hrtf">{t("voice.panningHrtf")}</option>
          <option value="equalpower">{t("voice.panningEqualPower")}</option>
        </select>
        <label className="voice-controls__option">
          <input
            type="checkbox"
            data-testid="low-bandwidth"
            checked={lowBandwidth}
            aria-describedby={`${id}-low-bandwidth`}
            onChange={(event) => setLowBandwidth(event.target.checked)}
          />
          {t("settings.lowBandwidth")}
        </label>
        <p id={`${id}-low-bandwidth`} className="voice-controls__note">
          {t("settings.lowBandwidthHint")}
        </p>
        <p className="voice-controls__note keyboard-only">{t("voice.keys")}</p>
      </details>
    </div>
  );
}
