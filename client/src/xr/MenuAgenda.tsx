import { Text } from "@react-three/uikit";
import { useEffect } from "react";
import { useT } from "../app/i18n.tsx";
import { useConsultation } from "../net/consultation-store.ts";
import { useAgendaNow } from "../ui/use-agenda-now.ts";
import { drawnMenuAgenda } from "./drawn-menus.ts";

/** The agenda item being discussed and its timer, on the hand menu's first page. */
export function MenuAgenda() {
  const t = useT();
  const now = useAgendaNow();
  const planned = useConsultation((state) => state.agenda.items.length > 0);
  const title = now ? now.item.title : t(planned ? "agenda.notStarted" : "vr.agendaPlaceholder");
  const time = now ? now.time : "";
  useEffect(() => {
    drawnMenuAgenda.title = title;
    drawnMenuAgenda.time = time;
  }, [title, time]);
  return (
    <>
      <Text fontSize={16} color="#f2c14e">
        {t("vr.agendaHeading")}
      </Text>
      <Text fontSize={18} color="#e8e6e1">
        {title}
      </Text>
      {now && (
        <Text fontSize={16} color={now.over ? "#ff8a8a" : "#b9b6ae"}>
          {now.time}
        </Text>
      )}
    </>
  );
}
