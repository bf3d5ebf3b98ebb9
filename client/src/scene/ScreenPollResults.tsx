import { Text } from "@react-three/drei";
import { Fragment, useEffect } from "react";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { useT } from "../app/i18n.tsx";
import { ballotChoices } from "../consultation/ballot-choices.ts";
import { barLengths, resultBars } from "../consultation/poll-results.ts";
import type { PollView } from "../net/consultation-store.ts";
import { drawnScreen } from "./drawn-consultation.ts";
import { ScreenPollBars } from "./ScreenPollBars.tsx";
import { RESULTS_AREA, resultRows } from "./screen-layout.ts";

/**
 * The poll on the big screen: its question and the results as 3D bars with large labels; while the
 * results are hidden, the answers alone (a headset can point at them to vote) and when the results will show.
 */
export function ScreenPollResults({ poll }: { readonly poll: PollView }) {
  const t = useT();
  const bars = resultBars(poll);
  const lengths = barLengths(
    bars.map((bar) => bar.value),
    RESULTS_AREA.barMax,
  );
  // Hidden results still list the answers of an open poll, in the rows the bars will take.
  const labels =
    bars.length === 0 && poll.status === "open"
      ? ballotChoices(poll).map((choice) => choice.label)
      : bars.map((bar) => bar.label);
  const rows = resultRows(labels.length);
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

  // Fragments, not groups: the texts must be direct children of the screen's text batch (one draw call).
  return (
    <>
      <ScreenPollBars rows={rows.slice(0, bars.length)} lengths={lengths} />
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
        <Text
          font={interFontUrl}
          position={
            labels.length > 0 ? [RESULTS_AREA.barLeft + RESULTS_AREA.barMax / 2, 0.07, 0.01] : [0, 0.2, 0.01]
          }
          fontSize={0.34}
          color="#d5e4f2"
          maxWidth={labels.length > 0 ? RESULTS_AREA.barMax : 8.5}
          textAlign="center"
        >
          {t(poll.status === "open" ? "poll.hiddenUntilClose" : "poll.closed")}
        </Text>
      )}
      {labels.map((label, index) => {
        const row = rows[index];
        const bar = bars[index];
        const length = lengths[index] ?? 0;
        if (!row) return null;
        return (
          <Fragment key={label}>
            <Text
              font={interFontUrl}
              position={[RESULTS_AREA.labelRight, row.y, 0.01]}
              fontSize={row.fontSize}
              color="#ffffff"
              anchorX="right"
              anchorY="middle"
              maxWidth={RESULTS_AREA.labelWidth}
              overflowWrap="break-word"
              whiteSpace="nowrap"
            >
              {label}
            </Text>
            {bar && (
              <Text
                font={interFontUrl}
                position={[RESULTS_AREA.barLeft + length + 0.15, row.y, 0.1]}
                fontSize={row.fontSize}
                color="#ffffff"
                anchorX="left"
                anchorY="middle"
              >
                {ranking ? t("poll.points", { count: bar.value }) : String(bar.value)}
              </Text>
            )}
          </Fragment>
        );
      })}
    </>
  );
}
