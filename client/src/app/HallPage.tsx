import { useCallback, useEffect, useMemo, useState } from "react";
import type { ConsultationPreview, JoinResponse } from "../../../shared/protocol/http-api.ts";
import { renewDeviceKey } from "../net/device-key.ts";
import { detectDeviceKind } from "../net/device-kind.ts";
import { connectToHall, currentRoom, leaveHall } from "../net/hall-connection.ts";
import type { HallRoom } from "../net/hall-room.ts";
import { useHallStore } from "../net/hall-store.ts";
import { HallScene } from "../scene/HallScene.tsx";
import { HallOverlay } from "../ui/HallOverlay.tsx";
import { closeMicrophone } from "../voice/microphone-state.ts";
import { startVoice } from "../voice/voice-session.ts";
import { endXrSession } from "../xr/xr-presence.ts";
import { useForgetEndedSession } from "./ended-session.ts";
import { useT } from "./i18n.tsx";
import { forgetSession } from "./saved-sessions.ts";
import { isSharedDevice } from "./shared-device.ts";
import { TEST_MODE } from "./test-mode.ts";

export interface HallPageProps {
  readonly join: JoinResponse;
  readonly preview: ConsultationPreview;
  /** The code the person came in with; facilitators are told it by the server instead. */
  readonly joinCode: string | undefined;
  readonly onLeave: () => void;
}

/** Inside the hall: the room connection for as long as the page is open, the 3D scene and the overlay. */
export default function HallPage({ join, preview, joinCode, onLeave }: HallPageProps) {
  const t = useT();
  const device = useMemo(detectDeviceKind, []);
  // Each attempt gets a fresh scene, so the camera starts from where the room puts the avatar again.
  const [attempt, setAttempt] = useState(0);
  const roomTitle = useHallStore((state) => state.title);
  const code = joinCode ?? join.joinCode ?? preview.joinCode;

  useEffect(() => {
    if (__PLENUM_TEST_BUILD__ && TEST_MODE)
      void import("./test-hook.ts").then((hook) => hook.installTestHook());
  }, []);

  useEffect(() => {
    void attempt;
    void connectToHall(join, device);
    return leaveHall;
  }, [join, device, attempt]);

  // Voice runs for as long as this page is joined to a room: the transport and mixer follow the room.
  useEffect(() => {
    let voiceRoom: HallRoom | null = null;
    let stopVoice: (() => void) | null = null;
    const follow = () => {
      const { status } = useHallStore.getState();
      if (status === "disconnected" || status === "replaced" || status === "failed") {
        stopVoice?.();
        stopVoice = null;
        voiceRoom = null;
        return;
      }
      const room = status === "connected" ? currentRoom() : null;
      if (!room || room === voiceRoom) return;
      stopVoice?.();
      voiceRoom = room;
      stopVoice = startVoice(room, join);
    };
    follow();
    const unsubscribe = useHallStore.subscribe(follow);
    return () => {
      unsubscribe();
      stopVoice?.();
      closeMicrophone();
    };
  }, [join]);

  // A session the room ended (removed, banned, erased, no longer valid) is not kept for a second screen.
  useForgetEndedSession(join.consultationId);

  const rejoin = useCallback(() => setAttempt((value) => value + 1), []);
  const leave = useCallback(() => {
    endXrSession();
    leaveHall();
    // Whoever uses this browser next finds neither this hall nor its console.
    forgetSession(join.consultationId);
    if (isSharedDevice()) renewDeviceKey();
    onLeave();
  }, [onLeave, join.consultationId]);

  const title = roomTitle || preview.title;
  return (
    <div className="hall">
      <HallScene
        key={attempt}
        label={t("hall.sceneLabel", { title })}
        device={device}
        onLeave={leave}
        screen={{
          title,
          caption: t("hall.screenCaption").toUpperCase(),
          footer: code ? t("hall.joinCode", { code }) : t("app.name"),
        }}
      />
      <HallOverlay title={title} joinCode={code} device={device} onRejoin={rejoin} onLeave={leave} />
    </div>
  );
}
