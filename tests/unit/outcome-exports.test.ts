import { describe, expect, it } from "vitest";
import { EMPTY_AGENDA } from "../../shared/consultation/agenda.ts";
import { countAuditActions } from "../../shared/consultation/audit.ts";
import {
  DECIDIM_TITLE_MAX,
  dcatDataset,
  decidimProposals,
  decidimProposalsCsv,
  pollResultsCsv,
} from "../../shared/consultation/outcome-exports.ts";
import { buildOutcomeReport, type ReportInput } from "../../shared/consultation/outcome-report.ts";
import { type Ballot, type Poll, tallyBallots } from "../../shared/consultation/polls.ts";
import { OutcomeReport } from "../../shared/protocol/outcome-report-schema.ts";

const poll = (over: Partial<Poll>): Poll => ({
  id: "p",
  question: "Q",
  kind: "single",
  options: ["a", "b"],
  maxChoices: 1,
  scaleMax: 5,
  anonymous: true,
  reveal: "live",
  status: "closed",
  ...over,
});

const tallied = (poll: Poll, ballots: Ballot[]) => ({ poll, tally: tallyBallots(poll, ballots) });

function reportIn(language: "en" | "nl" | "fr", over: Partial<ReportInput> = {}) {
  return buildOutcomeReport({
    consultation: { id: "c1", title: "Kaai", language, createdAt: 0 },
    closedAt: Date.UTC(2026, 11, 7, 20, 0),
    access: { mode: "invitation", invited: 12, entered: 9, voted: 7 },
    agenda: EMPTY_AGENDA,
    peakAttendance: 0,
    attendance: [],
    polls: [],
    ideas: [
      { text: "=1+1 bomen", votes: 3, pinned: true, hidden: false, clusterId: "k", createdAt: 1 },
      {
        text: "x ".repeat(120).trim(),
        votes: 0,
        pinned: false,
        hidden: false,
        clusterId: undefined,
        createdAt: 2,
      },
      { text: "hidden", votes: 9, pinned: false, hidden: true, clusterId: undefined, createdAt: 3 },
    ],
    clusters: [{ id: "k", label: "Groen" }],
    budget: undefined,
    tableRounds: [],
    speaking: [],
    interpretation: [{ language: "nl", ms: 61_000 }],
    moderation: countAuditActions([]),
    ...over,
  });
}

describe("outcome exports", () => {
  it("builds reports that fit the published report schema", () => {
    expect(OutcomeReport.safeParse(reportIn("en")).success).toBe(true);
  });

  it("writes Decidim proposals in the consultation's language, with upvotes, cluster and pin in the body", () => {
    const [first, second, third] = decidimProposals(reportIn("nl"));
    expect(third).toBeUndefined();
    expect(first).toEqual({
      id: "1",
      "title/nl": "=1+1 bomen",
      "body/nl":
        "=1+1 bomen\n\nSteunstemmen in de zaal: 3\nGegroepeerd onder: Groen\nVastgezet door de begeleider.",
    });
    const title = second?.["title/nl"] ?? "";
    expect([...title].length).toBeLessThanOrEqual(DECIDIM_TITLE_MAX);
    expect(title.endsWith("x…")).toBe(true);
    expect(second?.["body/nl"]?.startsWith("x x")).toBe(true);
  });

  it("keeps texts as they are in Decidim's CSV, which separates fields with semicolons", () => {
    const csv = decidimProposalsCsv(reportIn("fr"));
    expect(csv.split("\r\n")[0]).toBe("id;title/fr;body/fr");
    expect(csv).toContain('1;=1+1 bomen;"=1+1 bomen\n\nSoutiens dans la salle : 3');
  });

  it("writes one poll row per answer, per value of a scale and per option and rank of a ranking", () => {
    const report = reportIn("en", {
      polls: [
        tallied(poll({ id: "s", kind: "scale", options: [], scaleMax: 5 }), [[4], [2]]),
        tallied(poll({ id: "r", kind: "ranking", options: ["a", "b"] }), [[1, 0]]),
      ],
    });
    const lines = pollResultsCsv(report).trim().split("\r\n");
    expect(lines[0]).toBe("poll,question,kind,anonymous,ballots,answer,rank,count,mean,borda_points");
    expect(lines.filter((line) => line.startsWith("1,"))).toHaveLength(5);
    expect(lines).toContain("1,Q,scale,true,2,4,,1,3,");
    expect(lines).toContain("2,Q,ranking,true,1,b,1,1,,1");
  });

  it("names the publisher, licence, language and files in the DCAT-AP metadata", () => {
    const dataset = dcatDataset(
      reportIn("nl"),
      { name: "Stad Gent", url: undefined, licence: "https://example.org/licence" },
      "https://hall.example.org/c/c1/",
    );
    expect(dataset["dct:language"]).toEqual({
      "@id": "http://publications.europa.eu/resource/authority/language/NLD",
    });
    expect(dataset["dct:publisher"]).toEqual({ "@type": "foaf:Agent", "foaf:name": "Stad Gent" });
    expect(dataset["dct:issued"]["@value"]).toBe("2026-12-07T20:00:00.000Z");
    expect(dataset["dct:description"]["@value"]).toContain("“Kaai”");
    expect(dataset["dcat:distribution"].map((d) => d["dcat:downloadURL"]["@id"])).toContain(
      "https://hall.example.org/c/c1/proposals.decidim.csv",
    );
  });
});
