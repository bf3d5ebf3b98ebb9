import { useId, useState } from "react";
import { useLanguage, useT } from "../../app/i18n.tsx";
import { maxForProposal, remainingBudget, withAmount } from "../../consultation/budget-allocation.ts";
import { barLengths } from "../../consultation/poll-results.ts";
import { allocateBudget } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";

/**
 * The participatory budget: spread the total over the proposals (each field stops at what is still
 * allowed, and what is left is always shown), then the totals once the facilitator closes it.
 */
export function BudgetCard({ canAllocate }: { readonly canAllocate: boolean }) {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();
  const budget = useConsultation((state) => state.budget);
  const mine = useConsultation((state) => state.myAllocation);
  const [allocation, setAllocation] = useState<Record<string, number>>(() => ({ ...(mine ?? {}) }));
  const [stage, setStage] = useState<"idle" | "sending" | "recorded">(mine ? "recorded" : "idle");
  /** Why the last amount typed was lowered, if it was. */
  const [capped, setCapped] = useState("");
  const amount = (value: number) => value.toLocaleString(language);
  const remaining = remainingBudget(budget.total, allocation);

  if (budget.status === "closed") {
    const lengths = barLengths(
      budget.proposals.map((proposal) => proposal.allocated),
      100,
    );
    return (
      <section className="budget-card" aria-labelledby={`${id}-heading`} data-testid="budget-card">
        <h2 id={`${id}-heading`}>{t("budget.heading")}</h2>
        <p>{t("budget.closed")}</p>
        <ul className="poll-results__bars">
          {budget.proposals.map((proposal, index) => (
            <li key={proposal.id} className="poll-results__bar">
              <span className="poll-results__label">{proposal.title}</span>
              <span className="poll-results__track" aria-hidden="true">
                <span className="poll-results__fill" style={{ width: `${lengths[index] ?? 0}%` }} />
              </span>
              <span className="poll-results__value">
                {t("budget.allocated", { amount: amount(proposal.allocated) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  const submit = async () => {
    setStage("sending");
    const answer = await allocateBudget(allocation);
    setStage(answer.ok ? "recorded" : "idle");
  };

  return (
    <section className="budget-card" aria-labelledby={`${id}-heading`} data-testid="budget-card">
      <h2 id={`${id}-heading`}>{t("budget.heading")}</h2>
      <p>{t("budget.total", { amount: amount(budget.total) })}</p>
      <p className="budget-card__remaining" aria-live="polite" data-testid="budget-remaining">
        {t("budget.remaining", { amount: amount(remaining) })}
      </p>
      {canAllocate && (
        <form
          className="budget-card__form"
          onSubmit={(event) => {
            event.preventDefault();
            if (stage !== "sending") void submit();
          }}
        >
          {budget.proposals.map((proposal, index) => {
            const max = maxForProposal(budget.total, proposal.cost, allocation, proposal.id);
            return (
              <div key={proposal.id} className="budget-card__proposal">
                <label htmlFor={`${id}-${index}`}>
                  {proposal.title}{" "}
                  <span className="budget-card__cost">
                    ({t("budget.cost", { amount: amount(proposal.cost) })})
                  </span>
                </label>
                <input
                  id={`${id}-${index}`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={max}
                  step={1}
                  data-testid={`budget-amount-${index}`}
                  aria-label={t("budget.amountFor", { title: proposal.title })}
                  value={allocation[proposal.id] ?? 0}
                  onChange={(event) => {
                    const typed = Number(event.target.value);
                    const next = withAmount(budget.total, proposal.cost, allocation, proposal.id, typed);
                    const given = next[proposal.id] ?? 0;
                    const params = { title: proposal.title, amount: amount(given) };
                    setCapped(
                      typed <= given
                        ? ""
                        : given === proposal.cost
                          ? t("budget.cappedCost", params)
                          : t("budget.cappedTotal", params),
                    );
                    setAllocation(next);
                    if (stage === "recorded") setStage("idle");
                  }}
                />
              </div>
            );
          })}
          <p className="field__hint" aria-live="polite" data-testid="budget-capped">
            {capped}
          </p>
          <button
            type="submit"
            className="button button--primary"
            data-testid="budget-submit"
            disabled={stage === "sending"}
          >
            {t("budget.submit")}
          </button>
          <p role="status" data-testid="budget-recorded">
            {stage === "recorded" ? t("budget.recorded") : ""}
          </p>
        </form>
      )}
    </section>
  );
}
