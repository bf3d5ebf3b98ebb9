import { Text } from "@react-three/drei";
import { useEffect } from "react";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { useT } from "../app/i18n.tsx";
import { useAgendaNow } from "../ui/use-agenda-now.ts";
import { drawnScreen } from "./drawn-consultation.ts";

/** The current agenda item and its timer, on the big screen. */
export function ScreenAgendaLine({ y, fontSize }: { readonly y: number; readonly fontSize: number }) {
  const t = useT();
  const now = useAgendaNow();
  const line = now ? `${t("agenda.current", { title: now.item.title })} · ${now.time}` : "";
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
