import { Text } from "@react-three/drei";
import { useEffect } from "react";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { useT } from "../app/i18n.tsx";
import { barLengths, resultBars } from "../consultation/poll-results.ts";
import type { PollView } from "../net/consultation-store.ts";
import { drawnScreen } from "./drawn-consultation.ts";
import { RESULTS_AREA, resultRows } from "./screen-layout.ts";

/** The poll on the big screen: its question and the results as 3D bars with large labels (or when they will show). */
export function ScreenPollResults({ poll }: { readonly poll: PollView }) {
  const t = useT();
  const bars = resultBars(poll);
  const lengths = barLengths(
    bars.map((bar) => bar.value),
    RESULTS_AREA.barMax,
  );
  const rows = resultRows(bars.length);
  const ranking = poll.kind === "ranking";

  useEffect(() => {
    drawnScreen.mode = "poll";
    drawnScreen.question = poll.question;
    drawnScreen.bars = bars.map((bar, index) => ({ ...bar, length: lengths[index] ?? 0 }));
    return () => {
      drawnScreen.mode = "title";
      drawnScreen.question = "";
      drawnScreen.bars = [];
    };
  });

  return (
    <group>
      <Text
        font={interFontUrl}
        position={[0, 1.5, 0.01]}
        fontSize={0.38}
        color="#ffffff"
        maxWidth={9.2}
        textAlign="center"
        anchorY="middle"
      >
        {poll.question}
      </Text>
      <Text font={interFontUrl} position={[4.6, 2.0, 0.01]} fontSize={0.26} color="#d5e4f2" anchorX="right">
        {t("poll.ballots", { count: poll.ballots })}
      </Text>
      {bars.length === 0 && (
        <Text font={interFontUrl} position={[0, 0.2, 0.01]} fontSize={0.34} color="#d5e4f2" maxWidth={8.5}>
          {t(poll.status === "open" ? "poll.hiddenUntilClose" : "poll.closed")}
        </Text>
      )}
      {bars.map((bar, index) => {
        const row = rows[index];
        const length = lengths[index] ?? 0;
        if (!row) return null;
        return (
          <group key={bar.label} position={[0, row.y, 0]}>
            <Text
              font={interFontUrl}
              position={[RESULTS_AREA.labelRight, 0, 0.01]}
              fontSize={row.fontSize}
              color="#ffffff"
              anchorX="right"
              anchorY="middle"
              maxWidth={3.6}
              overflowWrap="break-word"
              whiteSpace="nowrap"
            >
              {bar.label}
            </Text>
            <mesh position={[RESULTS_AREA.barLeft + RESULTS_AREA.barMax / 2, 0, 0.006]}>
              <planeGeometry args={[RESULTS_AREA.barMax, row.height]} />
              <meshBasicMaterial color="#0f2236" />
            </mesh>
            {length > 0 && (
              <mesh position={[RESULTS_AREA.barLeft + length / 2, 0, 0.05]}>
                <boxGeometry args={[length, row.height, 0.08]} />
                <meshStandardMaterial color="#f2c14e" emissive="#7a5a10" />
              </mesh>
            )}
            <Text
              font={interFontUrl}
              position={[RESULTS_AREA.barLeft + length + 0.15, 0, 0.1]}
              fontSize={row.fontSize}
              color="#ffffff"
              anchorX="left"
              anchorY="middle"
            >
              {ranking ? t("poll.points", { count: bar.value }) : String(bar.value)}
            </Text>
          </group>
        );
      })}
    </group>
  );
}
