/** The participatory budget: a facilitator opens it with proposals, participants allocate, totals show at close. */
import {
  type Allocation,
  type Budget,
  budgetTotals,
  checkAllocation,
  checkBudget,
} from "../../shared/consultation/participatory-budget.ts";
import { ProposalState } from "../../shared/state/town-hall-state.ts";
import { newId } from "../auth/secrets.ts";
import { commit, type HallContext, type StoredChange } from "./hall-context.ts";
import { refused } from "./refusal.ts";

export class BudgetCommands {
  readonly #hall: HallContext;
  #budget: Budget | undefined;
  readonly #allocations = new Map<string, Allocation>();

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get #id(): string {
    return this.#hall.state.consultation.id;
  }

  async restore(): Promise<void> {
    const budget = await this.#hall.store.loadDocument<Budget>(this.#id, "budget");
    if (budget) {
      this.#budget = budget;
      for (const row of await this.#hall.store.listAllocations(this.#id))
        this.#allocations.set(row.participantId, row.allocation);
    }
    this.#sync();
  }

  get requests() {
    const { pipeline, store } = this.#hall;
    return {
      budget_open: pipeline.request("budget_open", "run_budget", async (_actor, message) => {
        if (this.#budget) refused("invalid_budget");
        const checked = checkBudget(message.total, message.proposals);
        if (!checked.ok) refused(checked.code);
        const budget: Budget = {
          total: message.total,
          proposals: checked.proposals.map((proposal) => ({ id: newId(), ...proposal })),
          status: "open",
        };
        await store.saveDocument(this.#id, "budget", budget);
        this.#budget = budget;
        this.#sync();
        return undefined;
      }),
      allocate_budget: pipeline.request("allocate_budget", "allocate_budget", async (actor, message) => {
        const check = checkAllocation(this.#budget, message.allocation);
        if (!check.ok) refused(check.code);
        await store.saveAllocation(this.#id, actor.id, check.allocation);
        this.#allocations.set(actor.id, check.allocation);
        this.#sync();
        return undefined;
      }),
      budget_close: pipeline.request("budget_close", "run_budget", async () => {
        await commit(this.#hall, this.close() ?? refused("budget_not_open"));
        return undefined;
      }),
    };
  }

  /** Closes an open budget (its totals then show); undefined when none is open. */
  close(): StoredChange | undefined {
    if (this.#budget?.status !== "open") return undefined;
    const budget: Budget = { ...this.#budget, status: "closed" };
    return {
      write: (tx) => tx.saveDocument(this.#id, "budget", budget),
      apply: () => {
        this.#budget = budget;
        this.#sync();
      },
    };
  }

  #sync(): void {
    const target = this.#hall.state.budget;
    const budget = this.#budget;
    if (!budget) return;
    const totals = budget.status === "closed" ? budgetTotals(budget, this.#allocations.values()) : undefined;
    target.status = budget.status;
    target.total = budget.total;
    target.allocations = this.#allocations.size;
    if (target.proposals.length !== budget.proposals.length) {
      target.proposals.clear();
      for (const proposal of budget.proposals) {
        const state = new ProposalState();
        Object.assign(state, { id: proposal.id, title: proposal.title, cost: proposal.cost });
        target.proposals.push(state);
      }
    }
    target.proposals.forEach((state, i) => {
      state.allocated = totals?.[i] ?? 0;
    });
  }
}
