import { useT } from "../../app/i18n.tsx";
import { useConsultation } from "../../net/consultation-store.ts";
import { useAgendaNow } from "../use-agenda-now.ts";

/** The agenda item being discussed and its timer (planned time left, or how far over). */
export function AgendaStatus() {
  const t = useT();
  const planned = useConsultation((state) => state.agenda.items.length > 0);
  const now = useAgendaNow();
  if (!planned) return null;
  if (!now) return <p className="agenda-status">{t("agenda.notStarted")}</p>;
  return (
    <div className="agenda-status" data-testid="agenda-status">
      <p className="agenda-status__position">
        {t("agenda.position", { number: now.number, count: now.count })}
      </p>
      <p className="agenda-status__title">{t("agenda.current", { title: now.item.title })}</p>
      <p className={`agenda-status__time${now.over ? " agenda-status__time--over" : ""}`}>{now.time}</p>
    </div>
  );
}
