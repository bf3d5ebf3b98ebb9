/**
 * One citizen's share of the participatory budget while they fill it in: what is left, and how much a
 * proposal may still get, so that the form never lets them spend more than the total (the room refuses
 * anyway).
 */
import { type Allocation, allocated } from "../../../shared/consultation/participatory-budget.ts";

/** What is left of `total` after this allocation (never negative). */
export function remainingBudget(total: number, allocation: Allocation): number {
  return Math.max(0, total - allocated(allocation));
}

/** The most `proposalId` may get: its cost, and no more than the total minus what the others got. */
export function maxForProposal(
  total: number,
  cost: number,
  allocation: Allocation,
  proposalId: string,
): number {
  const others = allocated(allocation) - (allocation[proposalId] ?? 0);
  return Math.max(0, Math.min(cost, total - others));
}

/** Sets a proposal's amount from what was typed, clamped to whole amounts within what is allowed. */
export function withAmount(
  total: number,
  cost: number,
  allocation: Allocation,
  proposalId: string,
  typed: number,
): Record<string, number> {
  const wanted = Number.isFinite(typed) ? Math.floor(typed) : 0;
  const amount = Math.max(0, Math.min(wanted, maxForProposal(total, cost, allocation, proposalId)));
  return { ...allocation, [proposalId]: amount };
}
