/**
 * The outcome report, published when the facilitator closes the consultation: open data, so aggregates
 * only. Nothing in it names or identifies a person (no pseudonyms, no participant ids); idea texts are
 * what participants chose to publish on the wall.
 */
import type { AccessMode } from "../protocol/access-modes.ts";
import type { OutcomeReport } from "../protocol/outcome-report-schema.ts";
import { type ChannelTime, interpretationMinutes } from "../voice/interpretation-time.ts";
import { attendanceIsOpen } from "./access.ts";
import type { Agenda } from "./agenda.ts";
import type { AuditCounts } from "./audit.ts";
import type { TableMode } from "./discussion-tables.ts";
import type { Allocation, Budget } from "./participatory-budget.ts";
import { budgetTotals } from "./participatory-budget.ts";
import { bordaScores, type Poll, type PollTally, scaleMean } from "./polls.ts";

export type { OutcomeReport } from "../protocol/outcome-report-schema.ts";

export const REPORT_VERSION = 1;
const DEVICES = ["desktop", "phone", "headset"] as const;
const ROLES = ["facilitator", "co_facilitator", "citizen", "observer", "interpreter"] as const;

export interface ChatCounts {
  readonly messages: number;
  readonly hidden: number;
}

export interface ReportInput {
  readonly consultation: { id: string; title: string; language: string; createdAt: number };
  readonly closedAt: number;
  readonly access: { mode: AccessMode; invited: number; entered: number; voted: number };
  readonly agenda: Agenda;
  readonly peakAttendance: number;
  readonly attendance: readonly { participantId: string; device: string; role: string }[];
  /** Each poll's counts: the store keeps tallies, never a voter's choice, once a poll has closed. */
  readonly polls: readonly { poll: Poll; tally: PollTally }[];
  readonly ideas: readonly {
    text: string;
    votes: number;
    pinned: boolean;
    hidden: boolean;
    clusterId: string | undefined;
    createdAt: number;
  }[];
  readonly clusters: readonly { id: string; label: string }[];
  readonly budget: { budget: Budget; allocations: readonly Allocation[] } | undefined;
  readonly tableRounds: readonly {
    count: number;
    mode: TableMode;
    startedAt: number;
    endedAt: number;
    seated: number;
  }[];
  readonly speaking: readonly { participantId: string; role: string; ms: number }[];
  /** The stretches each language had a live interpreter. */
  readonly interpretation: readonly ChannelTime[];
  readonly moderation: AuditCounts;
  /** Reports from before the chat existed have none. */
  readonly chat?: ChatCounts;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function bump<K extends string>(counts: Record<K, number>, key: string, by = 1): void {
  if (key in counts) counts[key as K] += by;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Builds the report from what the store holds; pure, so the same figures come out every time. */
export function buildOutcomeReport(input: ReportInput): OutcomeReport {
  const byDevice = zeroes(DEVICES);
  const byRole = zeroes(ROLES);
  for (const entry of input.attendance) {
    bump(byDevice, entry.device);
    bump(byRole, entry.role);
  }
  const clusterLabel = new Map(input.clusters.map((cluster) => [cluster.id, cluster.label]));
  const visible = input.ideas
    .filter((idea) => !idea.hidden)
    .sort((a, b) => b.votes - a.votes || a.createdAt - b.createdAt);
  const secondsByRole = zeroes(ROLES);
  let totalMs = 0;
  const spoke = new Set<string>();
  for (const segment of input.speaking) {
    totalMs += segment.ms;
    bump(secondsByRole, segment.role, segment.ms);
    if (segment.ms > 0) spoke.add(segment.participantId);
  }
  for (const role of ROLES) secondsByRole[role] = Math.round(secondsByRole[role] / 1000);
  const citizenIds = new Set(
    input.attendance.filter((a) => a.role === "citizen").map((a) => a.participantId),
  );
  const citizensWhoSpoke = [...citizenIds].filter((id) => spoke.has(id)).length;
  return {
    version: REPORT_VERSION,
    consultation: { ...input.consultation, closedAt: input.closedAt },
    access: { ...input.access, openAttendance: attendanceIsOpen(input.access.mode) },
    agenda: input.agenda.items.map((item) => ({
      title: item.title,
      plannedMinutes: item.plannedMinutes,
      startedAt: item.startedAt ?? null,
      endedAt: item.endedAt ?? null,
      actualMinutes: round(item.spentMs / 60_000, 1),
    })),
    attendance: { total: input.attendance.length, peak: input.peakAttendance, byDevice, byRole },
    polls: input.polls.map(({ poll, tally }) => {
      const base = {
        question: poll.question,
        kind: poll.kind,
        options: [...poll.options],
        anonymous: poll.anonymous,
        ballots: tally.ballots,
      };
      const n = poll.options.length;
      switch (poll.kind) {
        case "scale": {
          const mean = scaleMean(tally);
          return {
            ...base,
            counts: [...tally.counts],
            scaleMax: poll.scaleMax,
            mean: mean === undefined ? null : round(mean, 2),
          };
        }
        case "ranking":
          return {
            ...base,
            counts: poll.options.map((_o, option) => tally.counts.slice(option * n, option * n + n)),
            bordaScores: bordaScores(poll, tally),
          };
        case "multiple":
          return { ...base, counts: [...tally.counts], maxChoices: poll.maxChoices };
        default:
          return { ...base, counts: [...tally.counts] };
      }
    }),
    ideas: {
      items: visible.map((idea) => ({
        text: idea.text,
        votes: idea.votes,
        pinned: idea.pinned,
        cluster: idea.clusterId === undefined ? null : (clusterLabel.get(idea.clusterId) ?? null),
      })),
      clusters: input.clusters
        .map((cluster) => {
          const members = visible.filter((idea) => idea.clusterId === cluster.id);
          return {
            label: cluster.label,
            ideas: members.length,
            votes: members.reduce((sum, idea) => sum + idea.votes, 0),
          };
        })
        .filter((cluster) => cluster.ideas > 0),
      hidden: input.ideas.length - visible.length,
    },
    budget: input.budget
      ? {
          total: input.budget.budget.total,
          participants: input.budget.allocations.length,
          proposals: (() => {
            const totals = budgetTotals(input.budget.budget, input.budget.allocations);
            return input.budget.budget.proposals.map((proposal, i) => ({
              title: proposal.title,
              cost: proposal.cost,
              allocated: totals[i] ?? 0,
            }));
          })(),
        }
      : null,
    tables: input.tableRounds.map((r) => ({
      tables: r.count,
      mode: r.mode,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      seated: r.seated,
    })),
    speaking: {
      totalSeconds: Math.round(totalMs / 1000),
      secondsByRole,
      citizens: citizenIds.size,
      citizensWhoSpoke,
      citizenShare: citizenIds.size === 0 ? 0 : round(citizensWhoSpoke / citizenIds.size, 3),
    },
    interpretation: { minutesByLanguage: interpretationMinutes(input.interpretation) },
    moderation: input.moderation,
    chat: input.chat ?? { messages: 0, hidden: 0 },
  };
}

type CsvValue = string | number | boolean | null;

export interface CsvOptions {
  readonly separator?: string;
  /** Prefixes texts a spreadsheet would run as a formula with `'`; off for files another program imports. */
  readonly defuseFormulas?: boolean;
}

function csvField(value: CsvValue, separator: string, defuse: boolean): string {
  const text = value === null ? "" : String(value);
  // Quote everything that could break a row.
  const safe = defuse && /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /["\n\r]/.test(safe) || safe.includes(separator) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows as CSV (RFC 4180 quoting, CRLF line ends); by default `,` between fields and formulas defused. */
export function csvTable(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const { separator = ",", defuseFormulas = true } = options;
  const line = (row: readonly CsvValue[]) =>
    row.map((value) => csvField(value, separator, defuseFormulas)).join(separator);
  return `${rows.map(line).join("\r\n")}\r\n`;
}

/** The report as one CSV table: `section,item,measure,value`, one figure per row. */
export function outcomeReportCsv(report: OutcomeReport): string {
  const rows: CsvValue[][] = [["section", "item", "measure", "value"]];
  const c = report.consultation;
  rows.push(["consultation", c.title, "id", c.id], ["consultation", c.title, "language", c.language]);
  rows.push(["consultation", c.title, "created_at", new Date(c.createdAt).toISOString()]);
  rows.push(["consultation", c.title, "closed_at", new Date(c.closedAt).toISOString()]);
  report.agenda.forEach((item, i) => {
    const name = `${i + 1}. ${item.title}`;
    rows.push(
      ["agenda", name, "planned_minutes", item.plannedMinutes],
      ["agenda", name, "actual_minutes", item.actualMinutes],
    );
  });
  if (report.access) {
    const { mode, openAttendance, invited, entered, voted } = report.access;
    rows.push(
      ["access", "all", "mode", mode],
      ["access", "all", "open_attendance", String(openAttendance)],
      ["access", "invitations", "invited", invited],
      ["access", "invitations", "entered", entered],
      ["access", "all", "voted", voted],
    );
  }
  const a = report.attendance;
  rows.push(["attendance", "all", "total", a.total], ["attendance", "all", "peak", a.peak]);
  for (const [device, n] of Object.entries(a.byDevice)) rows.push(["attendance", "device", device, n]);
  for (const [role, n] of Object.entries(a.byRole)) rows.push(["attendance", "role", role, n]);
  for (const poll of report.polls) {
    const q = poll.question;
    rows.push(["poll", q, "ballots", poll.ballots]);
    if (poll.kind === "scale") {
      for (const [i, n] of (poll.counts as number[]).entries()) rows.push(["poll", q, `value ${i + 1}`, n]);
      rows.push(["poll", q, "mean", poll.mean ?? null]);
    } else if (poll.kind === "ranking") {
      for (const [option, ranks] of (poll.counts as number[][]).entries()) {
        const label = poll.options[option] ?? "";
        for (const [rank, n] of ranks.entries()) rows.push(["poll", q, `${label} at rank ${rank + 1}`, n]);
        rows.push(["poll", q, `${label} borda`, poll.bordaScores?.[option] ?? 0]);
      }
    } else {
      for (const [i, n] of (poll.counts as number[]).entries())
        rows.push(["poll", q, poll.options[i] ?? "", n]);
    }
  }
  for (const idea of report.ideas.items) rows.push(["idea", idea.text, "votes", idea.votes]);
  for (const cluster of report.ideas.clusters) rows.push(["cluster", cluster.label, "votes", cluster.votes]);
  rows.push(["ideas", "all", "hidden", report.ideas.hidden]);
  if (report.budget) {
    rows.push(
      ["budget", "all", "total", report.budget.total],
      ["budget", "all", "participants", report.budget.participants],
    );
    for (const p of report.budget.proposals)
      rows.push(["budget", p.title, "cost", p.cost], ["budget", p.title, "allocated", p.allocated]);
  }
  report.tables.forEach((round, i) => {
    rows.push(
      ["tables", `round ${i + 1}`, "tables", round.tables],
      ["tables", `round ${i + 1}`, "seated", round.seated],
    );
  });
  const s = report.speaking;
  rows.push(["speaking", "all", "total_seconds", s.totalSeconds]);
  for (const [role, seconds] of Object.entries(s.secondsByRole))
    rows.push(["speaking", role, "seconds", seconds]);
  rows.push(["speaking", "citizens", "share_who_spoke", s.citizenShare]);
  for (const [language, minutes] of Object.entries(report.interpretation?.minutesByLanguage ?? {}))
    rows.push(["interpretation", language, "minutes", minutes]);
  for (const [action, n] of Object.entries(report.moderation)) rows.push(["moderation", action, "count", n]);
  if (report.chat)
    rows.push(
      ["chat", "all", "messages", report.chat.messages],
      ["chat", "all", "hidden", report.chat.hidden],
    );
  return csvTable(rows);
}
