/**
 * The ideas wall: short ideas anyone but observers may post, one upvote per participant per idea (a
 * toggle), and the facilitator's tools: pin, merge into a cluster, hide with a reason.
 */
import { cleanShortText } from "./short-text.ts";

export const IDEA_TEXT_MAX = 280;
export const CLUSTER_LABEL_MAX = 80;

export interface Idea {
  readonly id: string;
  readonly text: string;
  readonly authorId: string | undefined;
  readonly createdAt: number;
  readonly voterIds: ReadonlySet<string>;
  readonly pinned: boolean;
  readonly hidden: boolean;
  readonly hiddenReason: string | undefined;
  readonly clusterId: string | undefined;
}

export type IdeaRefusal = "invalid_idea" | "unknown_idea" | "idea_hidden" | "invalid_label";

/** The idea's text as it will be shown, or `invalid_idea` (empty, too long, invisible characters). */
export function checkIdeaText(raw: string): { ok: true; text: string } | { ok: false; code: "invalid_idea" } {
  const text = cleanShortText(raw, IDEA_TEXT_MAX);
  return text === undefined ? { ok: false, code: "invalid_idea" } : { ok: true, text };
}

export function newIdea(id: string, text: string, authorId: string, now: number): Idea {
  return {
    id,
    text,
    authorId,
    createdAt: now,
    voterIds: new Set(),
    pinned: false,
    hidden: false,
    hiddenReason: undefined,
    clusterId: undefined,
  };
}

type IdeaResult = { ok: true; idea: Idea } | { ok: false; code: IdeaRefusal };

function visible(idea: Idea | undefined): IdeaResult {
  if (!idea) return { ok: false, code: "unknown_idea" };
  if (idea.hidden) return { ok: false, code: "idea_hidden" };
  return { ok: true, idea };
}

/** Adds the participant's upvote, or takes it back when they had already given it. */
export function toggleUpvote(
  idea: Idea | undefined,
  voterId: string,
): { ok: true; idea: Idea; upvoted: boolean } | { ok: false; code: IdeaRefusal } {
  const found = visible(idea);
  if (!found.ok) return found;
  const voterIds = new Set(found.idea.voterIds);
  const upvoted = !voterIds.has(voterId);
  if (upvoted) voterIds.add(voterId);
  else voterIds.delete(voterId);
  return { ok: true, idea: { ...found.idea, voterIds }, upvoted };
}

export function pinIdea(idea: Idea | undefined, pinned: boolean): IdeaResult {
  const found = visible(idea);
  return found.ok ? { ok: true, idea: { ...found.idea, pinned } } : found;
}

/** Hides an idea from the wall (and the report); the reason goes to the audit log. */
export function hideIdea(idea: Idea | undefined, reason: string): IdeaResult {
  const found = visible(idea);
  return found.ok
    ? { ok: true, idea: { ...found.idea, hidden: true, pinned: false, hiddenReason: reason } }
    : found;
}

/**
 * Puts ideas into one cluster under a label: at least two visible ideas, or one added to an existing
 * cluster. Returns the changed ideas.
 */
export function mergeIdeas(
  ideas: ReadonlyMap<string, Idea>,
  ideaIds: readonly string[],
  clusterId: string,
  rawLabel: string,
): { ok: true; ideas: Idea[]; label: string } | { ok: false; code: IdeaRefusal } {
  const label = cleanShortText(rawLabel, CLUSTER_LABEL_MAX);
  if (label === undefined) return { ok: false, code: "invalid_label" };
  const ids = [...new Set(ideaIds)];
  if (ids.length === 0) return { ok: false, code: "unknown_idea" };
  const changed: Idea[] = [];
  for (const id of ids) {
    const found = visible(ideas.get(id));
    if (!found.ok) return found;
    changed.push({ ...found.idea, clusterId });
  }
  return { ok: true, ideas: changed, label };
}
