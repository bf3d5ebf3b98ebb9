import { Text } from "@react-three/drei";
import { useEffect } from "react";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { useT } from "../app/i18n.tsx";
import { agendaClock } from "../consultation/agenda-clock.ts";
import { formatCountdown } from "../facilitation/floor-clock.ts";
import { selectCurrentItem, useConsultation } from "../net/consultation-store.ts";
import { useNow } from "../ui/use-now.ts";
import { drawnScreen } from "./drawn-consultation.ts";

/** The current agenda item and its timer, on the big screen. */
export function ScreenAgendaLine({ y, fontSize }: { readonly y: number; readonly fontSize: number }) {
  const t = useT();
  const item = useConsultation(selectCurrentItem);
  const startedAt = useConsultation((state) => state.agenda.startedAt);
  const now = useNow(item !== undefined, 1000);
  let line = "";
  if (item) {
    const clock = agendaClock(item.plannedMinutes, item.spentMs, startedAt, now);
    const time = clock.over
      ? t("agenda.over", { time: formatCountdown(-clock.remainingMs) })
      : t("agenda.remaining", { time: formatCountdown(clock.remainingMs) });
    line = `${t("agenda.current", { title: item.title })} · ${time}`;
  }
  useEffect(() => {
    drawnScreen.agenda = line;
  }, [line]);
  if (!line) return null;
  return (
    <Text
      font={interFontUrl}
      position={[0, y, 0.01]}
      fontSize={fontSize}
      color="#ffffff"
      maxWidth={9.4}
      textAlign="center"
    >
      {line}
    </Text>
  );
}
