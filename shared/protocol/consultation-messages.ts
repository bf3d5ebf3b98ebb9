/**
 * Messages for the consultation methods (agenda, polls, ideas wall, participatory budget, discussion
 * tables, slides, closing). Each is sent as a request (`room.request(type, body)`) and answered with a
 * `MethodAnswer` once whatever must last is stored: an acknowledged ballot, idea or allocation survives
 * a crash. A plain `send` works too; refusals then arrive as `error` messages only.
 */
import { z } from "zod";
import { AGENDA_MAX_ITEMS, AGENDA_MAX_MINUTES } from "../consultation/agenda.ts";
import { MAX_TABLES, TABLE_MODES } from "../consultation/discussion-tables.ts";
import { POLL_KINDS, POLL_MAX_OPTIONS, POLL_REVEALS } from "../consultation/polls.ts";
import { ErrorBody } from "./error-codes.ts";

const id = z.string().min(1).max(64);
/** Texts are checked again by the rules (length in characters, invisible characters). */
const text = z.string().max(2000);
const minutes = z.number().int().min(1).max(AGENDA_MAX_MINUTES);

export const PollSpecInput = z.strictObject({
  question: text,
  kind: z.enum(POLL_KINDS),
  options: z.array(text).max(POLL_MAX_OPTIONS).default([]),
  maxChoices: z.number().int().min(1).max(POLL_MAX_OPTIONS).optional(),
  scaleMax: z.union([z.literal(5), z.literal(10)]).optional(),
  anonymous: z.boolean().default(true),
  reveal: z.enum(POLL_REVEALS).default("live"),
});
export type PollSpecInput = z.infer<typeof PollSpecInput>;

/** An agenda item prepared at creation (`POST /api/consultations`), optionally with its poll. */
export const AgendaItemInput = z.strictObject({
  title: text,
  plannedMinutes: minutes,
  poll: PollSpecInput.optional(),
});
export const AgendaInput = z.array(AgendaItemInput).max(AGENDA_MAX_ITEMS);
export type AgendaInput = z.infer<typeof AgendaInput>;

export const ConsultationMessages = {
  /** Replaces the agenda live; `id` keeps an existing item (and its times), `pollId` links a poll. */
  agenda_set: z.strictObject({
    items: z
      .array(
        z.strictObject({ id: id.optional(), title: text, plannedMinutes: minutes, pollId: id.optional() }),
      )
      .max(AGENDA_MAX_ITEMS),
  }),
  agenda_next: z.strictObject({}),
  agenda_previous: z.strictObject({}),
  /** Creates a poll (a draft, or opened at once with `open: true`); answered with `{ pollId }`. */
  poll_create: PollSpecInput.extend({ open: z.boolean().default(false) }),
  poll_open: z.strictObject({ pollId: id }),
  poll_close: z.strictObject({ pollId: id }),
  /** One's own ballot (see `Ballot` in shared/consultation/polls.ts); again before close replaces it. */
  cast_ballot: z.strictObject({
    pollId: id,
    choices: z.array(z.number().int().min(0).max(100)).max(POLL_MAX_OPTIONS),
  }),
  /** Answered with `{ ideaId }`. */
  post_idea: z.strictObject({ text }),
  /** Toggles one's upvote; answered with `{ upvoted }`. */
  upvote_idea: z.strictObject({ ideaId: id }),
  pin_idea: z.strictObject({ ideaId: id, pinned: z.boolean() }),
  /** Puts ideas into a new cluster, or into `clusterId` when given; answered with `{ clusterId }`. */
  merge_ideas: z.strictObject({
    ideaIds: z.array(id).min(1).max(100),
    label: text,
    clusterId: id.optional(),
  }),
  hide_idea: z.strictObject({ ideaId: id, reason: text }),
  /** A chat message for the room; answered with `{ messageId }`. */
  chat_send: z.strictObject({ text }),
  /** Hides a chat message from everyone (audited with the reason). */
  chat_hide: z.strictObject({ messageId: id, reason: text }),
  /** Opens the participatory budget (once per consultation). */
  budget_open: z.strictObject({
    total: z.number().int().min(1),
    proposals: z
      .array(z.strictObject({ title: text, cost: z.number().int().min(1) }))
      .min(1)
      .max(30),
  }),
  /** Amount per proposal id; replaces one's earlier allocation. */
  allocate_budget: z.strictObject({ allocation: z.record(id, z.number().int().min(0)) }),
  budget_close: z.strictObject({}),
  /** Splits the hall into tables, dealing people round-robin (`assign`) or letting them `choose`. */
  tables_split: z.strictObject({
    count: z.number().int().min(2).max(MAX_TABLES),
    mode: z.enum(TABLE_MODES),
    roundMinutes: minutes.optional(),
  }),
  /** One's own pick (`choose` mode), or a facilitator seating `participantId`. */
  choose_table: z.strictObject({
    table: z.number().int().min(0).max(MAX_TABLES),
    participantId: id.optional(),
  }),
  /** Everyone back to the plenary. */
  tables_end: z.strictObject({}),
  slide_show: z.strictObject({ index: z.number().int().min(-1).max(1000) }),
  /** Ends the consultation: the agenda stops, open polls and the budget close, the report is published. */
  close_consultation: z.strictObject({}),
} as const;

export type ConsultationMessageType = keyof typeof ConsultationMessages;
export type ConsultationMessage<K extends ConsultationMessageType> = z.infer<
  (typeof ConsultationMessages)[K]
>;

/** The answer to every consultation-method request. */
export const MethodAnswer = z.discriminatedUnion("ok", [
  z.strictObject({
    ok: z.literal(true),
    pollId: z.string().optional(),
    ideaId: z.string().optional(),
    clusterId: z.string().optional(),
    upvoted: z.boolean().optional(),
    messageId: z.string().optional(),
  }),
  z.strictObject({ ok: z.literal(false), error: ErrorBody }),
]);
export type MethodAnswer = z.infer<typeof MethodAnswer>;

/** Slide uploads: `POST /api/slides` with the image as the body. */
export const SLIDE_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_SLIDES = 50;
export const SLIDE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type SlideType = (typeof SLIDE_TYPES)[number];

/** Recognises PNG, JPEG and WebP by their first bytes, whatever the upload claims. */
export function slideTypeOf(bytes: Uint8Array): SlideType | undefined {
  const starts = (prefix: number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}
