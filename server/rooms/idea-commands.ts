/** The ideas wall: participants post and upvote ideas; facilitators pin, cluster and hide them (hiding is audited). */
import {
  checkIdeaText,
  hideIdea,
  type Idea,
  mergeIdeas,
  newIdea,
  pinIdea,
  toggleUpvote,
} from "../../shared/consultation/ideas-wall.ts";
import { checkReason } from "../../shared/consultation/moderation.ts";
import { ClusterState, IdeaState } from "../../shared/state/town-hall-state.ts";
import { newId } from "../auth/secrets.ts";
import { auditEntry, type HallContext } from "./hall-context.ts";
import { refused } from "./refusal.ts";
import { TokenBucket } from "./token-bucket.ts";

/** Ideas one person may post: five at once, then five a minute, so that the wall and the store stay bounded. */
const IDEA_BURST = 5;
const IDEAS_PER_SECOND = 5 / 60;

export class IdeaCommands {
  readonly #hall: HallContext;
  readonly #ideas = new Map<string, Idea>();
  readonly #rates = new Map<string, TokenBucket>();
  readonly #authorNames = new Map<string, string>();

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get #id(): string {
    return this.#hall.state.consultation.id;
  }

  async restore(): Promise<void> {
    for (const stored of await this.#hall.store.listIdeas(this.#id)) {
      this.#ideas.set(stored.id, { ...stored, voterIds: new Set(stored.voterIds) });
      this.#authorNames.set(stored.id, stored.authorName);
    }
    for (const cluster of await this.#hall.store.listClusters(this.#id))
      this.#syncCluster(cluster.id, cluster.label);
    for (const idea of this.#ideas.values()) this.#sync(idea);
  }

  get requests() {
    const hall = this.#hall;
    const { pipeline, store } = hall;
    return {
      post_idea: pipeline.request("post_idea", "post_idea", async (actor, message) => {
        const text = checkIdeaText(message.text);
        if (!text.ok) refused(text.code);
        const now = hall.now();
        const rate = this.#rates.get(actor.id) ?? new TokenBucket(IDEA_BURST, IDEAS_PER_SECOND, now);
        this.#rates.set(actor.id, rate);
        if (!rate.take(now)) refused("rate_limited");
        const idea = newIdea(newId(), text.text, actor.id, now);
        await store.addIdea(this.#id, { ...idea, authorName: actor.name, voterIds: [] });
        this.#ideas.set(idea.id, idea);
        this.#authorNames.set(idea.id, actor.name);
        this.#sync(idea);
        return { ideaId: idea.id };
      }),
      upvote_idea: pipeline.request("upvote_idea", "post_idea", async (actor, message) => {
        const result = toggleUpvote(this.#ideas.get(message.ideaId), actor.id);
        if (!result.ok) refused(result.code);
        await store.setIdeaVote(message.ideaId, actor.id, result.upvoted);
        this.#ideas.set(message.ideaId, result.idea);
        this.#sync(result.idea);
        return { upvoted: result.upvoted };
      }),
      pin_idea: pipeline.request("pin_idea", "curate_ideas", async (_actor, message) => {
        const result = pinIdea(this.#ideas.get(message.ideaId), message.pinned);
        if (!result.ok) refused(result.code);
        await store.updateIdea(result.idea);
        this.#apply(result.idea);
        return undefined;
      }),
      merge_ideas: pipeline.request("merge_ideas", "curate_ideas", async (_actor, message) => {
        const existing = message.clusterId;
        if (existing !== undefined && !hall.state.clusters.has(existing)) refused("invalid_label");
        const clusterId = existing ?? newId();
        const result = mergeIdeas(this.#ideas, message.ideaIds, clusterId, message.label);
        if (!result.ok) refused(result.code);
        if (existing === undefined && result.ideas.length < 2) refused("unknown_idea");
        await store.transaction(async (tx) => {
          if (existing === undefined) await tx.addCluster(this.#id, clusterId, result.label, hall.now());
          for (const idea of result.ideas) await tx.updateIdea(idea);
        });
        for (const idea of result.ideas) this.#apply(idea);
        this.#syncCluster(clusterId, existing === undefined ? result.label : undefined);
        return { clusterId };
      }),
      hide_idea: pipeline.request("hide_idea", "curate_ideas", async (actor, message) => {
        const reason = checkReason(message.reason);
        if (!reason.ok) refused(reason.code);
        const result = hideIdea(this.#ideas.get(message.ideaId), reason.text);
        if (!result.ok) refused(result.code);
        await store.transaction(async (tx) => {
          await tx.updateIdea(result.idea);
          await tx.appendAudit(auditEntry(hall, actor.id, "hide_idea", result.idea.authorId, reason.text));
        });
        this.#apply(result.idea);
        return undefined;
      }),
    };
  }

  #apply(idea: Idea): void {
    this.#ideas.set(idea.id, idea);
    this.#sync(idea);
  }

  #sync(idea: Idea): void {
    const ideas = this.#hall.state.ideas;
    if (idea.hidden) {
      ideas.delete(idea.id);
      return;
    }
    const existing = ideas.get(idea.id);
    const target = existing ?? new IdeaState();
    Object.assign(target, {
      id: idea.id,
      text: idea.text,
      authorName: this.#authorNames.get(idea.id) ?? "",
      createdAt: idea.createdAt,
      votes: idea.voterIds.size,
      pinned: idea.pinned,
      clusterId: idea.clusterId ?? "",
    });
    if (!existing) ideas.set(idea.id, target);
  }

  #syncCluster(id: string, label: string | undefined): void {
    if (label === undefined) return;
    const cluster = new ClusterState();
    Object.assign(cluster, { id, label });
    this.#hall.state.clusters.set(id, cluster);
  }
}
