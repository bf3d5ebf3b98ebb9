/**
 * Every consultation method as a request to the room (`room.request(type, body)`), answered with the
 * room's `MethodAnswer` once whatever must last is stored. The overlay, the console and (later) the VR
 * panels call these, so every device sends the same requests; what the room acknowledged about one's own
 * ballot, upvote and allocation is kept in the consultation store.
 */
import type { z } from "zod";
import type {
  ConsultationMessages,
  ConsultationMessageType,
  MethodAnswer,
} from "../../../shared/protocol/consultation-messages.ts";
import type { ErrorBody } from "../../../shared/protocol/error-codes.ts";
import type { FacilitatorKeyResponse } from "../../../shared/protocol/http-api.ts";
import { useConsultation } from "./consultation-store.ts";
import { currentRoom, currentSessionToken } from "./hall-connection.ts";

/** A request body as the sender writes it (fields with defaults may be left out). */
export type RequestBody<K extends ConsultationMessageType> = z.input<(typeof ConsultationMessages)[K]>;

const notConnected: MethodAnswer = {
  ok: false,
  error: { code: "internal", message: "Not connected to the room." },
};

/** Sends one request; a lost connection answers like a refusal. */
export async function ask<K extends ConsultationMessageType>(
  type: K,
  body: RequestBody<K>,
): Promise<MethodAnswer> {
  const room = currentRoom();
  if (!room) return notConnected;
  try {
    return (await room.request(type, body)) as MethodAnswer;
  } catch (error) {
    return { ok: false, error: { code: "internal", message: String(error) } };
  }
}

/** Casts (or replaces) one's ballot; remembered once the room acknowledged it. */
export async function castBallot(pollId: string, choices: readonly number[]): Promise<MethodAnswer> {
  const answer = await ask("cast_ballot", { pollId, choices: [...choices] });
  if (answer.ok)
    useConsultation.setState((state) => ({ myBallots: { ...state.myBallots, [pollId]: [...choices] } }));
  return answer;
}

export function postIdea(text: string): Promise<MethodAnswer> {
  return ask("post_idea", { text });
}

export function sendChat(text: string): Promise<MethodAnswer> {
  return ask("chat_send", { text });
}

/** Toggles one's upvote; the room's answer says whether it is now given. */
export async function toggleUpvote(ideaId: string): Promise<MethodAnswer> {
  const answer = await ask("upvote_idea", { ideaId });
  if (answer.ok)
    useConsultation.setState((state) => ({
      myUpvotes: { ...state.myUpvotes, [ideaId]: answer.upvoted === true },
    }));
  return answer;
}

/** Submits (or replaces) one's allocation of the budget. */
export async function allocateBudget(allocation: Readonly<Record<string, number>>): Promise<MethodAnswer> {
  const answer = await ask("allocate_budget", { allocation: { ...allocation } });
  if (answer.ok) useConsultation.setState({ myAllocation: { ...allocation } });
  return answer;
}

export function chooseTable(table: number): Promise<MethodAnswer> {
  return ask("choose_table", { table });
}

// Facilitators (the room checks the role of each request).

export function setAgenda(items: RequestBody<"agenda_set">["items"]): Promise<MethodAnswer> {
  return ask("agenda_set", { items });
}
export const agendaNext = () => ask("agenda_next", {});
export const agendaPrevious = () => ask("agenda_previous", {});
export function createPoll(spec: RequestBody<"poll_create">): Promise<MethodAnswer> {
  return ask("poll_create", spec);
}
export const openPoll = (pollId: string) => ask("poll_open", { pollId });
export const closePoll = (pollId: string) => ask("poll_close", { pollId });
export const pinIdea = (ideaId: string, pinned: boolean) => ask("pin_idea", { ideaId, pinned });
export const hideIdea = (ideaId: string, reason: string) => ask("hide_idea", { ideaId, reason });
export const hideChat = (messageId: string, reason: string) => ask("chat_hide", { messageId, reason });
export function mergeIdeas(
  ideaIds: readonly string[],
  label: string,
  clusterId?: string,
): Promise<MethodAnswer> {
  return ask("merge_ideas", { ideaIds: [...ideaIds], label, ...(clusterId ? { clusterId } : {}) });
}
export function openBudget(
  total: number,
  proposals: { title: string; cost: number }[],
): Promise<MethodAnswer> {
  return ask("budget_open", { total, proposals });
}
export const closeBudget = () => ask("budget_close", {});
export function splitTables(
  count: number,
  mode: "assign" | "choose",
  roundMinutes?: number,
): Promise<MethodAnswer> {
  return ask("tables_split", { count, mode, ...(roundMinutes ? { roundMinutes } : {}) });
}
export const seatAtTable = (participantId: string, table: number) =>
  ask("choose_table", { table, participantId });
export const endTables = () => ask("tables_end", {});
export const showSlide = (index: number) => ask("slide_show", { index });
export const closeConsultation = () => ask("close_consultation", {});

/** Replaces the facilitator link (`POST /api/facilitator-key`); the answer holds the new key, shown once. */
export async function rotateFacilitatorLink(): Promise<
  { ok: true; facilitatorKey: string } | { ok: false; error: ErrorBody }
> {
  try {
    const response = await fetch("/api/facilitator-key", {
      method: "POST",
      headers: { Authorization: `Bearer ${currentSessionToken()}` },
    });
    const payload = (await response.json().catch(() => null)) as
      | (FacilitatorKeyResponse & { error?: ErrorBody })
      | null;
    if (response.ok && payload?.facilitatorKey) return { ok: true, facilitatorKey: payload.facilitatorKey };
    return { ok: false, error: payload?.error ?? { code: "internal", message: response.statusText } };
  } catch (error) {
    return { ok: false, error: { code: "internal", message: String(error) } };
  }
}

/** Uploads an image as the next slide (`POST /api/slides` with this participant's session). */
export async function uploadSlide(image: Blob): Promise<MethodAnswer> {
  try {
    const response = await fetch("/api/slides", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${currentSessionToken()}`,
        "Content-Type": image.type || "application/octet-stream",
      },
      body: image,
    });
    if (response.ok) return { ok: true };
    const payload = (await response.json().catch(() => null)) as { error?: ErrorBody } | null;
    return { ok: false, error: payload?.error ?? { code: "internal", message: response.statusText } };
  } catch (error) {
    return { ok: false, error: { code: "internal", message: String(error) } };
  }
}
