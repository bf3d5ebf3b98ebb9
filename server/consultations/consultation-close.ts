/**
 * Preparing a consultation's agenda and polls at creation, and closing it: the outcome report is built
 * from what the store holds (not from the room's memory) and stored, so it is the same after a restart.
 */
import { type Agenda, EMPTY_AGENDA, newAgendaItem } from "../../shared/consultation/agenda.ts";
import { countAuditActions } from "../../shared/consultation/audit.ts";
import type { TableMode } from "../../shared/consultation/discussion-tables.ts";
import { checkReason } from "../../shared/consultation/moderation.ts";
import { buildOutcomeReport, type OutcomeReport } from "../../shared/consultation/outcome-report.ts";
import type { Budget } from "../../shared/consultation/participatory-budget.ts";
import {
  checkPollSpec,
  POLL_OPTION_MAX,
  POLL_QUESTION_MAX,
  type Poll,
  type PollSpec,
} from "../../shared/consultation/polls.ts";
import { cleanShortText } from "../../shared/consultation/short-text.ts";
import type { AgendaInput, PollSpecInput } from "../../shared/protocol/consultation-messages.ts";
import { newId } from "../auth/secrets.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";

/** A draft poll from its definition, texts checked; or `invalid_poll`. */
export function pollFromSpec(
  id: string,
  input: PollSpecInput,
): { ok: true; poll: Poll } | { ok: false; code: "invalid_poll" } {
  const question = cleanShortText(input.question, POLL_QUESTION_MAX);
  const options =
    input.kind === "scale" ? [] : input.options.map((option) => cleanShortText(option, POLL_OPTION_MAX));
  if (question === undefined || options.some((option) => option === undefined))
    return { ok: false, code: "invalid_poll" };
  const spec: PollSpec = {
    question,
    kind: input.kind,
    options: options as string[],
    maxChoices: input.kind === "multiple" ? (input.maxChoices ?? options.length) : 1,
    scaleMax: input.kind === "scale" ? (input.scaleMax ?? 5) : 5,
    anonymous: input.anonymous,
    reveal: input.reveal,
  };
  const check = checkPollSpec(spec);
  return check.ok ? { ok: true, poll: { ...spec, id, status: "draft" } } : check;
}

export type AgendaProblem = { ok: false; code: "invalid_poll" | "invalid_request"; message: string };

/** Checks an agenda given at creation and turns it into the agenda and its draft polls. */
export function agendaFromInput(
  input: AgendaInput,
): { ok: true; agenda: Agenda; polls: Poll[] } | AgendaProblem {
  const polls: Poll[] = [];
  const items = [];
  for (const [index, item] of input.entries()) {
    const title = checkReason(item.title);
    if (!title.ok || [...title.text].length > 120)
      return {
        ok: false,
        code: "invalid_request",
        message: `Agenda item ${index + 1} needs a title of 1 to 120 characters.`,
      };
    let pollId: string | undefined;
    if (item.poll) {
      const made = pollFromSpec(newId(), item.poll);
      if (!made.ok)
        return {
          ok: false,
          code: "invalid_poll",
          message: `The poll of agenda item ${index + 1} is not valid.`,
        };
      polls.push(made.poll);
      pollId = made.poll.id;
    }
    items.push(newAgendaItem(newId(), title.text, item.plannedMinutes, pollId));
  }
  return { ok: true, agenda: { ...EMPTY_AGENDA, items }, polls };
}

/** Stores the prepared agenda and its polls for a new consultation. */
export async function storeAgenda(
  store: ConsultationStore,
  consultationId: string,
  prepared: { agenda: Agenda; polls: Poll[] },
  now: number,
): Promise<void> {
  for (const [i, poll] of prepared.polls.entries()) await store.savePoll(consultationId, poll, now + i);
  await store.saveDocument(consultationId, "agenda", prepared.agenda);
}

/** Builds the outcome report from the store and keeps it; the consultation is closed from then on. */
export async function closeConsultation(
  store: ConsultationStore,
  consultationId: string,
  closedAt: number,
  peak: number,
): Promise<OutcomeReport> {
  const consultation = await store.findConsultation(consultationId);
  if (!consultation) throw new Error(`unknown consultation ${consultationId}`);
  const polls = [];
  for (const poll of await store.listPolls(consultationId)) {
    if (poll.status === "draft") continue;
    polls.push({ poll, tally: await store.pollTally(poll) });
  }
  const budget = await store.loadDocument<Budget>(consultationId, "budget");
  const report = buildOutcomeReport({
    consultation: {
      id: consultation.id,
      title: consultation.title,
      language: consultation.language,
      createdAt: consultation.createdAt,
    },
    closedAt,
    access: { mode: consultation.access, ...(await store.accessCounts(consultationId)) },
    agenda: (await store.loadDocument<Agenda>(consultationId, "agenda")) ?? EMPTY_AGENDA,
    peakAttendance: peak,
    attendance: await store.listAttendance(consultationId),
    polls,
    ideas: (await store.listIdeas(consultationId)).map((idea) => ({ ...idea, votes: idea.voterIds.length })),
    clusters: await store.listClusters(consultationId),
    budget: budget
      ? { budget, allocations: (await store.listAllocations(consultationId)).map((row) => row.allocation) }
      : undefined,
    tableRounds:
      (await store.loadDocument<
        { count: number; mode: TableMode; startedAt: number; endedAt: number; seated: number }[]
      >(consultationId, "table_rounds")) ?? [],
    speaking: await store.listSpeakingTime(consultationId),
    interpretation: await store.listInterpretationTime(consultationId),
    moderation: countAuditActions(await store.listAudit(consultationId)),
    chat: await store.countChatMessages(consultationId),
  });
  await store.saveReport(consultationId, closedAt, report);
  return report;
}
