import { useId } from "react";
import { isClosed } from "../../../../shared/consultation/closing.ts";
import { can } from "../../../../shared/consultation/permissions.ts";
import { useT } from "../../app/i18n.tsx";
import { reportPath } from "../../app/routes.ts";
import { selectActivePoll, useConsultation } from "../../net/consultation-store.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { selectSelf, useHallStore } from "../../net/hall-store.ts";
import { FoldButton, type FoldProps } from "../FoldButton.tsx";
import { AgendaStatus } from "./AgendaStatus.tsx";
import { BudgetCard } from "./BudgetCard.tsx";
import { IdeasPanel } from "./IdeasPanel.tsx";
import { PollCard } from "./PollCard.tsx";
import { TableStatus } from "./TableStatus.tsx";

/**
 * The consultation in the overlay, the same on a computer and a phone: the agenda item and its timer,
 * the poll on screen, the budget, one's discussion table and the ideas wall; once closed, the report.
 * Its header says whether a poll is open and how many ideas there are, so the folded panel still tells.
 */
export function ConsultationPanel({ open, onToggle }: FoldProps) {
  const id = useId();
  const heading = useConsultationHeading();
  return (
    <section
      className="panel consultation-panel"
      aria-labelledby={`${id}-toggle`}
      data-testid="consultation-panel"
    >
      <FoldButton
        id={`${id}-toggle`}
        className="participants__toggle consultation-panel__toggle"
        testId="consultation-toggle"
        open={open}
        onToggle={onToggle}
        controls={`${id}-body`}
      >
        {heading}
      </FoldButton>
      <ConsultationBody id={`${id}-body`} hidden={!open} />
    </section>
  );
}

/** The consultation's heading: whether a poll is open and how many ideas there are. */
export function useConsultationHeading(): string {
  const t = useT();
  const pollOpen = useConsultation((state) => selectActivePoll(state)?.status === "open");
  const ideas = useConsultation((state) => state.ideas.length);
  return t(pollOpen ? "consultation.panelPollOpen" : "consultation.panel", { count: ideas });
}

/** The agenda, the poll, the budget, one's table and the ideas wall; once closed, the report's link. */
export function ConsultationBody({
  id,
  hidden = false,
}: {
  readonly id?: string;
  readonly hidden?: boolean;
}) {
  const t = useT();
  const role = useHallStore((state) => selectSelf(state)?.role ?? "observer");
  const consultationId = useFacilitation((state) => state.consultationId);
  const phase = useConsultation((state) => state.phase);
  const poll = useConsultation(selectActivePoll);
  const budgetStatus = useConsultation((state) => state.budget.status);
  return (
    <div id={id} className="consultation-panel__body" hidden={hidden}>
      {isClosed(phase) && (
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
      <IdeasPanel canPost={!isClosed(phase) && can(role, "post_idea")} />
    </div>
  );
}
