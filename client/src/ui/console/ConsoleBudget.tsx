import { useId, useState } from "react";
import { useLanguage, useT } from "../../app/i18n.tsx";
import { closeBudget, openBudget } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";

/** "Title; cost" lines as proposals; undefined when a line does not read as one. */
function parseProposals(text: string): { title: string; cost: number }[] | undefined {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const proposals = lines.map((line) => {
    const at = line.lastIndexOf(";");
    const cost = Number(line.slice(at + 1).trim());
    return { title: line.slice(0, at).trim(), cost };
  });
  return proposals.length > 0 &&
    proposals.every((p) => p.title !== "" && Number.isInteger(p.cost) && p.cost >= 1)
    ? proposals
    : undefined;
}

/** Set up the participatory budget (proposals with costs and a total), follow it, close it. */
export function ConsoleBudget() {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();
  const budget = useConsultation((state) => state.budget);
  const [total, setTotal] = useState("");
  const [text, setText] = useState("");
  const proposals = parseProposals(text);
  const totalValue = Number(total);
  const valid = proposals !== undefined && Number.isInteger(totalValue) && totalValue >= 1;

  return (
    <section className="console__section" aria-labelledby={`${id}-budget`} data-testid="console-budget">
      <h2 id={`${id}-budget`}>{t("console.budget")}</h2>
      {budget.status === "none" ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-total`}>{t("console.budgetTotal")}</label>
            <input
              id={`${id}-total`}
              data-testid="budget-total"
              inputMode="numeric"
              value={total}
              onChange={(event) => setTotal(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-proposals`}>{t("console.budgetProposals")}</label>
            <textarea
              id={`${id}-proposals`}
              data-testid="budget-proposals"
              rows={3}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          {(total !== "" || text !== "") && !valid && (
            <p className="field__hint">{t("console.budgetInvalid")}</p>
          )}
          <button
            type="button"
            className="button button--primary"
            data-testid="budget-open"
            disabled={!valid}
            onClick={() => proposals && void openBudget(totalValue, proposals)}
          >
            {t("console.budgetOpen")}
          </button>
        </>
      ) : (
        <>
          <p>
            {t("budget.total", { amount: budget.total.toLocaleString(language) })} ·{" "}
            {t("budget.participants", { count: budget.allocations })}
          </p>
          <ul className="console__budget" data-testid="console-budget-proposals">
            {budget.proposals.map((proposal) => (
              <li key={proposal.id}>
                {proposal.title} ({t("budget.cost", { amount: proposal.cost.toLocaleString(language) })})
                {budget.status === "closed" &&
                  ` · ${t("budget.allocated", { amount: proposal.allocated.toLocaleString(language) })}`}
              </li>
            ))}
          </ul>
          {budget.status === "open" && (
            <button
              type="button"
              className="button"
              data-testid="budget-close"
              onClick={() => void closeBudget()}
            >
              {t("console.budgetClose")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
