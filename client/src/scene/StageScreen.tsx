import { Text } from "@react-three/drei";
import { Suspense } from "react";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { SCREEN } from "../../../shared/hall/hall-geometry.ts";
import { selectActivePoll, useConsultation } from "../net/consultation-store.ts";
import { ScreenAgendaLine } from "./ScreenAgendaLine.tsx";
import { ScreenPollPointer } from "./ScreenPollPointer.tsx";
import { ScreenPollResults } from "./ScreenPollResults.tsx";
import { ScreenSlide } from "./ScreenSlide.tsx";
import { ScreenTextBatch } from "./ScreenTextBatch.tsx";

/** The footer sits high enough that the podium does not hide it from the seats. */
const FOOTER_Y = -SCREEN.height / 2 + 1.45;

export interface StageScreenProps {
  readonly title: string;
  readonly caption: string;
  readonly footer: string;
}

/**
 * The big screen behind the stage: what the consultation is about and the current agenda item; the
 * slide being shown or, failing that, the poll on screen with its results, take the middle when there is one.
 */
export function StageScreen({ title, caption, footer }: StageScreenProps) {
  const z = SCREEN.z + 0.03;
  const poll = useConsultation((state) => {
    const active = selectActivePoll(state);
    return active && active.status !== "draft" ? active : undefined;
  });
  const slideUrl = useConsultation((state) => state.slides.urls[state.slides.current] ?? "");
  const busy = poll !== undefined || slideUrl !== "";
  return (
    <group position={[0, SCREEN.centerY, z]}>
      <mesh>
        <planeGeometry args={[SCREEN.width, SCREEN.height]} />
        <meshBasicMaterial color="#183554" />
      </mesh>
      <mesh position={[0, FOOTER_Y, 0.005]}>
        <planeGeometry args={[SCREEN.width * 0.6, 0.7]} />
        <meshBasicMaterial color="#0f2236" />
      </mesh>
      {slideUrl ? (
        <Suspense fallback={null}>
          <ScreenSlide url={slideUrl} />
        </Suspense>
      ) : (
        poll && <ScreenPollPointer key={poll.id} poll={poll} />
      )}
      {/* Every text on the screen, the poll's included, in one draw call. */}
      <ScreenTextBatch>
        <Text
          font={interFontUrl}
          position={[0, busy ? 2.45 : 1.95, 0.01]}
          fontSize={busy ? 0.28 : 0.32}
          color="#f2c14e"
          letterSpacing={busy ? 0.05 : 0.2}
          maxWidth={SCREEN.width - 0.8}
          whiteSpace="nowrap"
        >
          {busy ? title : caption}
        </Text>
        <ScreenAgendaLine y={busy ? 2.0 : -0.62} fontSize={busy ? 0.26 : 0.3} />
        {!slideUrl && poll && <ScreenPollResults poll={poll} />}
        {!busy && (
          <Text
            font={interFontUrl}
            position={[0, 0.55, 0.01]}
            fontSize={0.62}
            color="#ffffff"
            maxWidth={SCREEN.width - 1.2}
            textAlign="center"
            lineHeight={1.15}
          >
            {title}
          </Text>
        )}
        <Text font={interFontUrl} position={[0, FOOTER_Y, 0.01]} fontSize={0.36} color="#d5e4f2">
          {footer}
        </Text>
      </ScreenTextBatch>
    </group>
  );
}
