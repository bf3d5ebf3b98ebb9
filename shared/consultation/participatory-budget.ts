/**
 * Participatory budget: the facilitator lists proposals with their costs and a total; every citizen
 * spreads the total over the proposals (an amount per proposal, at most its cost, all of it within the
 * total). Totals are revealed when the budget closes.
 */
import { cleanShortText } from "./short-text.ts";

export const BUDGET_MAX_PROPOSALS = 30;
export const PROPOSAL_TITLE_MAX = 120;
export const BUDGET_MAX_TOTAL = 1_000_000_000;

export interface BudgetProposal {
  readonly id: string;
  readonly title: string;
  readonly cost: number;
}

export type BudgetStatus = "open" | "closed";

export interface Budget {
  readonly total: number;
  readonly proposals: readonly BudgetProposal[];
  readonly status: BudgetStatus;
}

/** Amount per proposal id; proposals left out get nothing. */
export type Allocation = Readonly<Record<string, number>>;

export type BudgetRefusal = "invalid_budget" | "over_budget" | "invalid_allocation" | "budget_not_open";

export function checkBudget(
  total: number,
  proposals: readonly { title: string; cost: number }[],
): { ok: true; proposals: { title: string; cost: number }[] } | { ok: false; code: "invalid_budget" } {
  const bad = { ok: false, code: "invalid_budget" } as const;
  if (!Number.isInteger(total) || total < 1 || total > BUDGET_MAX_TOTAL) return bad;
  if (proposals.length < 1 || proposals.length > BUDGET_MAX_PROPOSALS) return bad;
  const cleaned: { title: string; cost: number }[] = [];
  for (const proposal of proposals) {
    const title = cleanShortText(proposal.title, PROPOSAL_TITLE_MAX);
    if (title === undefined || !Number.isInteger(proposal.cost) || proposal.cost < 1) return bad;
    cleaned.push({ title, cost: proposal.cost });
  }
  return { ok: true, proposals: cleaned };
}

/** Sum of an allocation. */
export function allocated(allocation: Allocation): number {
  return Object.values(allocation).reduce((sum, amount) => sum + amount, 0);
}

/**
 * Whether a citizen may submit `allocation`: whole non-negative amounts, only known proposals, none
 * above its cost, and the sum within the total (`over_budget` otherwise).
 */
export function checkAllocation(
  budget: Budget | undefined,
  allocation: Allocation,
): { ok: true; allocation: Allocation } | { ok: false; code: BudgetRefusal } {
  if (budget?.status !== "open") return { ok: false, code: "budget_not_open" };
  const costs = new Map(budget.proposals.map((proposal) => [proposal.id, proposal.cost]));
  const kept: Record<string, number> = {};
  for (const [id, amount] of Object.entries(allocation)) {
    const cost = costs.get(id);
    if (cost === undefined || !Number.isInteger(amount) || amount < 0 || amount > cost)
      return { ok: false, code: "invalid_allocation" };
    if (amount > 0) kept[id] = amount;
  }
  if (allocated(kept) > budget.total) return { ok: false, code: "over_budget" };
  return { ok: true, allocation: kept };
}

/** Total allocated to each proposal, in the proposals' order. */
export function budgetTotals(budget: Budget, allocations: Iterable<Allocation>): number[] {
  const totals = budget.proposals.map(() => 0);
  const index = new Map(budget.proposals.map((proposal, i) => [proposal.id, i]));
  for (const allocation of allocations)
    for (const [id, amount] of Object.entries(allocation)) {
      const i = index.get(id);
      if (i !== undefined) totals[i] = (totals[i] ?? 0) + amount;
    }
  return totals;
}
