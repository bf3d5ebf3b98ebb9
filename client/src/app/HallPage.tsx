import { useCallback, useEffect, useMemo, useState } from "react";
import type { ConsultationPreview, JoinResponse } from "../../../shared/protocol/http-api.ts";
import { detectDeviceKind } from "../net/device-kind.ts";
import { connectToHall, leaveHall } from "../net/hall-connection.ts";
import { useHallStore } from "../net/hall-store.ts";
import { HallScene } from "../scene/HallScene.tsx";
import { HallOverlay } from "../ui/HallOverlay.tsx";
import { useT } from "./i18n.tsx";
import { knownJoinCode } from "./known-join-codes.ts";
import { installTestHook } from "./test-hook.ts";
import { TEST_MODE } from "./test-mode.ts";

export interface HallPageProps {
  readonly join: JoinResponse;
  readonly preview: ConsultationPreview;
  /** The code the person came in with; facilitators only know it if this tab created the consultation. */
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
  const code = joinCode ?? knownJoinCode(join.consultationId);

  useEffect(() => {
    if (TEST_MODE) installTestHook();
  }, []);

  useEffect(() => {
    void attempt;
    void connectToHall(join, device);
    return leaveHall;
  }, [join, device, attempt]);

  const rejoin = useCallback(() => setAttempt((value) => value + 1), []);
  const leave = useCallback(() => {
    leaveHall();
    onLeave();
  }, [onLeave]);

  const title = roomTitle || preview.title;
  return (
    <div className="hall">
      <HallScene
        key={attempt}
        label={t("hall.sceneLabel", { title })}
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
