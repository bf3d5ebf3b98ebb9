/**
 * The shape of the published outcome report, as a schema: the report's type is derived from it, and the
 * API description publishes it, so the document, the server and the client cannot drift apart.
 */
import { z } from "zod";
import { AUDIT_ACTIONS } from "../consultation/audit.ts";
import { TABLE_MODES } from "../consultation/discussion-tables.ts";
import { POLL_KINDS } from "../consultation/polls.ts";
import { ACCESS_MODES } from "./access-modes.ts";
import { DEVICE_KINDS, LANGUAGES, ROLES } from "./roles.ts";

const count = z.number().int().min(0);
const time = z.number().int().describe("Milliseconds since 1970-01-01 UTC");
const perKey = <K extends string>(keys: readonly K[], value: z.ZodType<number>) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, z.ZodType<number>>);

/** Who could take part, and how many took part that way: counts only, never a label, code or hash. */
const Access = z
  .strictObject({
    mode: z.enum(ACCESS_MODES),
    openAttendance: z
      .boolean()
      .describe("True in open mode: one person may have joined more than once, so counts are of entries"),
    invited: count.describe("Personal invitations made"),
    entered: count.describe("Invitations someone entered the hall with"),
    voted: count.describe("People who cast at least one ballot"),
  })
  .optional()
  .describe("Absent from reports of consultations closed before there were access modes");

export const OutcomeReport = z
  .strictObject({
    version: z.number().int(),
    consultation: z.strictObject({
      id: z.string(),
      title: z.string(),
      language: z.string(),
      createdAt: time,
      closedAt: time,
    }),
    access: Access,
    agenda: z.array(
      z.strictObject({
        title: z.string(),
        plannedMinutes: z.number(),
        startedAt: time.nullable(),
        endedAt: time.nullable(),
        actualMinutes: z.number().describe("Time actually spent, in minutes (one decimal)"),
      }),
    ),
    attendance: z.strictObject({
      total: count.describe("Everyone who entered the hall at least once"),
      peak: count.describe("Most people in the hall at the same time"),
      byDevice: perKey(DEVICE_KINDS, count).describe("By the device each person last entered with"),
      byRole: perKey(ROLES, count),
    }),
    polls: z.array(
      z.strictObject({
        question: z.string(),
        kind: z.enum(POLL_KINDS),
        options: z.array(z.string()),
        anonymous: z.boolean(),
        ballots: count,
        counts: z
          .union([z.array(count), z.array(z.array(count))])
          .describe(
            "single/multiple: per option; scale: per value (1..scaleMax); ranking: per option, per rank",
          ),
        maxChoices: z.number().int().optional(),
        scaleMax: z.number().int().optional(),
        mean: z.number().nullable().optional(),
        bordaScores: z.array(z.number()).optional().describe("Ranking only: Borda points per option"),
      }),
    ),
    ideas: z.strictObject({
      items: z
        .array(
          z.strictObject({
            text: z.string(),
            votes: count,
            pinned: z.boolean(),
            cluster: z.string().nullable(),
          }),
        )
        .describe("Visible ideas, most upvoted first"),
      clusters: z.array(z.strictObject({ label: z.string(), ideas: count, votes: count })),
      hidden: count,
    }),
    budget: z
      .strictObject({
        total: count,
        participants: count,
        proposals: z.array(z.strictObject({ title: z.string(), cost: count, allocated: count })),
      })
      .nullable(),
    tables: z.array(
      z.strictObject({
        tables: count,
        mode: z.enum(TABLE_MODES),
        startedAt: time,
        endedAt: time,
        seated: count,
      }),
    ),
    speaking: z.strictObject({
      totalSeconds: count.describe("Time with the floor, in seconds (rounded)"),
      secondsByRole: perKey(ROLES, count),
      citizens: count,
      citizensWhoSpoke: count,
      citizenShare: z.number().min(0).max(1).describe("citizensWhoSpoke / citizens, rounded to 3 decimals"),
    }),
    interpretation: z
      .strictObject({
        minutesByLanguage: perKey(LANGUAGES, z.number().min(0)).describe(
          "Minutes (one decimal) during which an interpreter was live into each language; a handover within a channel counts once",
        ),
      })
      .optional()
      .describe(
        "Absent from reports of consultations closed before interpretation was counted; no audio is kept",
      ),
    moderation: perKey(AUDIT_ACTIONS, count).describe("Moderation actions by type (the audit log's counts)"),
    chat: z
      .strictObject({ messages: count, hidden: count })
      .describe("Chat messages sent and hidden; counts only, never texts or authors"),
  })
  .describe("The outcome report of a closed consultation: aggregates only, nothing that names a person");
export type OutcomeReport = z.infer<typeof OutcomeReport>;

const Subject = z.strictObject({
  id: z.string(),
  title: z.string(),
  language: z.string(),
  closedAt: time,
  access: Access,
});

/** `GET /c/{id}/polls.json`: the poll results of a closed consultation. */
export const PollResults = z
  .strictObject({ consultation: Subject, polls: OutcomeReport.shape.polls })
  .describe("Poll results of a closed consultation");
export type PollResults = z.infer<typeof PollResults>;

/** `GET /c/{id}/budget.json`: the participatory budget of a closed consultation, null without one. */
export const BudgetResults = z
  .strictObject({ consultation: Subject, budget: OutcomeReport.shape.budget })
  .describe("The participatory budget of a closed consultation");
export type BudgetResults = z.infer<typeof BudgetResults>;

/** `GET /c/{id}/proposals.decidim.json`: Decidim's proposals import, one object per idea. */
export const DecidimProposals = z
  .array(z.record(z.string().regex(/^(id|(title|body)\/[a-z]{2})$/), z.string()))
  .describe('Decidim "Import proposals from a file" (JSON): id, title/<locale>, body/<locale>');

/** `GET /c/{id}/dataset.jsonld`: DCAT-AP metadata, JSON-LD. */
export const DcatDataset = z
  .looseObject({ "@context": z.record(z.string(), z.string()), "@type": z.literal("dcat:Dataset") })
  .describe("DCAT-AP metadata of the consultation's outcome (JSON-LD)");
