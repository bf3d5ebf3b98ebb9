import { useId, useState } from "react";
import { can } from "../../../../shared/consultation/permissions.ts";
import { useT } from "../../app/i18n.tsx";
import { reportPath } from "../../app/routes.ts";
import { selectActivePoll, useConsultation } from "../../net/consultation-store.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { selectSelf, useHallStore } from "../../net/hall-store.ts";
import { AgendaStatus } from "./AgendaStatus.tsx";
import { BudgetCard } from "./BudgetCard.tsx";
import { IdeasPanel } from "./IdeasPanel.tsx";
import { PollCard } from "./PollCard.tsx";
import { TableStatus } from "./TableStatus.tsx";

/**
 * The consultation in the overlay, the same on a computer and a phone: the agenda item and its timer,
 * the poll on screen, the budget, one's discussion table and the ideas wall; once closed, the report.
 */
export function ConsultationPanel() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(true);
  const role = useHallStore((state) => selectSelf(state)?.role ?? "observer");
  const consultationId = useFacilitation((state) => state.consultationId);
  const phase = useConsultation((state) => state.phase);
  const poll = useConsultation(selectActivePoll);
  const budgetStatus = useConsultation((state) => state.budget.status);
  return (
    <section
      className="panel consultation-panel"
      aria-labelledby={`${id}-toggle`}
      data-testid="consultation-panel"
    >
      <button
        id={`${id}-toggle`}
        type="button"
        className="participants__toggle consultation-panel__toggle"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen((value) => !value)}
      >
        {t("consultation.panel")}
      </button>
      <div id={`${id}-body`} className="consultation-panel__body" hidden={!open}>
        {phase === "closed" && (
          <p className="consultation-panel__closed" data-testid="consultation-closed">
            {t("consultation.closed")}{" "}
            {consultationId && (
              <a href={reportPath(consultationId)} target="_blank" rel="noopener">
                {t("consultation.viewReport")}
              </a>
            )}
          </p>
        )}
        <AgendaStatus />
        {poll && poll.status !== "draft" && <PollCard key={poll.id} poll={poll} />}
        {budgetStatus !== "none" && <BudgetCard canAllocate={can(role, "allocate_budget")} />}
        <TableStatus canChoose={can(role, "choose_table")} />
        <IdeasPanel canPost={phase !== "closed" && can(role, "post_idea")} />
      </div>
    </section>
  );
}
