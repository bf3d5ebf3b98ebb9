import { isClosed } from "../../../shared/consultation/closing.ts";
import { isAccessMode } from "../../../shared/protocol/access-modes.ts";
import type { DeviceKind } from "../../../shared/protocol/roles.ts";
import { useT } from "../app/i18n.tsx";
import { useConsultation } from "../net/consultation-store.ts";
import { useFacilitation } from "../net/facilitation-store.ts";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { lowerHand, raiseHand, toggleMicrophone } from "../net/participant-actions.ts";
import { standUp } from "../scene/player-motion.ts";
import { useMicrophone } from "../voice/microphone-state.ts";
import { requestVrSessionNow, useImmersiveVrSupported } from "../xr/vr-support.ts";
import { ConnectionNotice } from "./ConnectionNotice.tsx";
import { ConsoleDock } from "./console/ConsoleDock.tsx";
import { HandIcon, HeadsetIcon, LeaveIcon, MicIcon, MicOffIcon, StandIcon } from "./icons.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { ListeningButton } from "./ListeningButton.tsx";
import { LoadingScreen } from "./LoadingScreen.tsx";
import { MovePad } from "./MovePad.tsx";
import { PanelSheet } from "./PanelSheet.tsx";
import { SeatedPlayToggle } from "./SeatedPlayToggle.tsx";
import { ShortcutHelp } from "./ShortcutHelp.tsx";
import { SidePanels } from "./SidePanels.tsx";
import { SpeakingStatus } from "./SpeakingStatus.tsx";
import { Toasts } from "./Toasts.tsx";
import { VoiceControls } from "./VoiceControls.tsx";
import { YourData } from "./YourData.tsx";

export interface HallOverlayProps {
  readonly title: string;
  readonly joinCode: string | undefined;
  readonly device: DeviceKind;
  readonly onRejoin: () => void;
  readonly onLeave: () => void;
}

/**
 * The flat controls over the 3D hall: who is here, the code to share, standing up, leaving. A computer
 * shows the panels beside the hall; a phone, whose screen they would cover, one bottom sheet.
 */
export function HallOverlay({ title, joinCode, device, onRejoin, onLeave }: HallOverlayProps) {
  const t = useT();
  const seated = useHallStore((state) => (selectSelf(state)?.seat ?? -1) >= 0);
  const handRaised = useHallStore((state) => selectSelf(state)?.handRaised ?? false);
  // Closing lowers every hand and nobody can be given the floor any more.
  const closed = useConsultation((state) => isClosed(state.phase));
  const muted = useMicrophone((state) => state.muted);
  const vrSupported = useImmersiveVrSupported();
  const phone = device === "phone";
  const access = useFacilitation((state) => state.access);
  return (
    <div className={phone ? "overlay overlay--phone" : "overlay"}>
      <header className="overlay__top">
        <div className="panel overlay__title">
          <h1>{title}</h1>
          {joinCode && <p className="overlay__code">{t("hall.joinCode", { code: joinCode })}</p>}
          {isAccessMode(access) && (
            <p className="overlay__access" data-testid="hall-access">
              {/* A phone keeps the hall in view: the mode's short name, on the join code's line. */}
              {phone ? t(`access.short.${access}`) : t("access.current", { mode: t(`access.${access}`) })}
            </p>
          )}
        </div>
        <SpeakingStatus />
        {!phone && <SidePanels />}
      </header>
      {phone && <PanelSheet />}
      <Toasts />
      <ConsoleDock device={device} joinCode={joinCode} />
      <footer className="overlay__bottom">
        {phone && <MovePad />}
        <p className="panel overlay__hint">{t(phone ? "hall.controlsPhone" : "hall.controlsDesktop")}</p>
        <div className="overlay__preferences">
          {!phone && <ShortcutHelp />}
          <YourData />
          <LanguageSwitch />
        </div>
        <VoiceControls />
        <div className="overlay__actions">
          <ListeningButton />
          {vrSupported && (
            <>
              <SeatedPlayToggle />
              <button
                type="button"
                className="button button--primary overlay__action"
                data-testid="enter-vr"
                onClick={requestVrSessionNow}
              >
                <HeadsetIcon />
                <span className="overlay__action-label">{t("hall.enterVr")}</span>
              </button>
            </>
          )}
          <button
            type="button"
            className="button overlay__action"
            data-testid="microphone"
            aria-pressed={!muted}
            onClick={toggleMicrophone}
          >
            {muted ? <MicOffIcon /> : <MicIcon />}
            <span className="overlay__action-label">{muted ? t("hall.unmute") : t("hall.mute")}</span>
          </button>
          <button
            type="button"
            className="button overlay__action"
            data-testid="raise-hand"
            aria-pressed={handRaised}
            disabled={closed}
            onClick={handRaised ? lowerHand : raiseHand}
          >
            <HandIcon />
            <span className="overlay__action-label">
              {handRaised ? t("hall.lowerHand") : t("hall.raiseHand")}
            </span>
          </button>
          {seated && (
            <button
              type="button"
              className="button button--primary overlay__action"
              data-testid="stand-up"
              onClick={standUp}
            >
              <StandIcon />
              <span className="overlay__action-label">{t("hall.stand")}</span>
            </button>
          )}
          <button type="button" className="button overlay__action" data-testid="leave-hall" onClick={onLeave}>
            <LeaveIcon />
            <span className="overlay__action-label">{t("hall.leave")}</span>
          </button>
        </div>
      </footer>
      <LoadingScreen />
      <ConnectionNotice onRejoin={onRejoin} onLeave={onLeave} />
    </div>
  );
}
