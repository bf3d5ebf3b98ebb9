/**
 * The outcome report in the shapes the tools municipalities already run can take in: the ideas wall as
 * a Decidim proposals import file, polls and the budget as tables and JSON of their own, and DCAT-AP
 * metadata for an open-data portal. Pure: the same report gives the same files.
 *
 * Decidim's "Import proposals from a file" (decidim-proposals, Import::ProposalCreator with
 * Admin::Import::Readers) reads a CSV with `;` between fields, or a JSON array of objects, the first
 * row or the keys naming the fields. It requires `title/<default locale>` and `body/<default locale>`
 * (ProposalsVerifier), gathers `title/<locale>` and `body/<locale>` for each locale of the
 * organisation, drops `id`, and otherwise reads only scope, taxonomies, address and coordinates:
 * neither upvotes nor a grouping (taxonomies are ids of the organisation's own) has a field there, so
 * both go into the body.
 */
import { translate } from "../i18n/index.ts";
import type { BudgetResults, OutcomeReport, PollResults } from "../protocol/outcome-report-schema.ts";
import type { Language } from "../protocol/roles.ts";
import { csvTable } from "./outcome-report.ts";

/** Decidim's proposal form allows titles of at most 150 characters. */
export const DECIDIM_TITLE_MAX = 150;

export type DecidimProposalRow = Readonly<Record<string, string>>;

function shortTitle(text: string): string {
  if ([...text].length <= DECIDIM_TITLE_MAX) return text;
  const cut = [...text].slice(0, DECIDIM_TITLE_MAX - 1).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${atWord.length > DECIDIM_TITLE_MAX / 2 ? atWord : cut}…`;
}

/** One proposal per visible idea, most upvoted first; the columns carry the consultation's language. */
export function decidimProposals(report: OutcomeReport): DecidimProposalRow[] {
  const language = report.consultation.language as Language;
  return report.ideas.items.map((idea, index) => {
    const notes = [translate(language, "outcome.ideaVotes", { votes: idea.votes })];
    if (idea.cluster !== null)
      notes.push(translate(language, "outcome.ideaCluster", { label: idea.cluster }));
    if (idea.pinned) notes.push(translate(language, "outcome.ideaPinned"));
    return {
      id: String(index + 1),
      [`title/${language}`]: shortTitle(idea.text),
      [`body/${language}`]: [idea.text, "", ...notes].join("\n"),
    };
  });
}

/** The proposals as Decidim's CSV reader wants them: `;` between fields, UTF-8 without a byte-order mark. */
export function decidimProposalsCsv(report: OutcomeReport): string {
  const language = report.consultation.language;
  const columns = ["id", `title/${language}`, `body/${language}`];
  const rows = decidimProposals(report).map((row) => columns.map((column) => row[column] ?? ""));
  // Decidim stores the texts as they come: a leading "-" or "=" stays the participant's own.
  return csvTable([columns, ...rows], { separator: ";", defuseFormulas: false });
}

/** Poll results on their own, for a spreadsheet or a portal. */
export function pollResults(report: OutcomeReport): PollResults {
  return { consultation: datasetSubject(report), polls: report.polls };
}

/** The participatory budget on its own; `budget` is null when the consultation had none. */
export function budgetResults(report: OutcomeReport): BudgetResults {
  return { consultation: datasetSubject(report), budget: report.budget };
}

function datasetSubject(report: OutcomeReport) {
  const { id, title, language, closedAt } = report.consultation;
  return { id, title, language, closedAt, ...(report.access ? { access: report.access } : {}) };
}

/** One row per answer (per value of a scale, per option and rank of a ranking). */
export function pollResultsCsv(report: OutcomeReport): string {
  const rows: (string | number | boolean | null)[][] = [
    ["poll", "question", "kind", "anonymous", "ballots", "answer", "rank", "count", "mean", "borda_points"],
  ];
  report.polls.forEach((poll, index) => {
    const base = [index + 1, poll.question, poll.kind, poll.anonymous, poll.ballots];
    if (poll.kind === "ranking") {
      (poll.counts as number[][]).forEach((ranks, option) => {
        for (const [rank, count] of ranks.entries())
          rows.push([
            ...base,
            poll.options[option] ?? "",
            rank + 1,
            count,
            null,
            poll.bordaScores?.[option] ?? 0,
          ]);
      });
      return;
    }
    (poll.counts as number[]).forEach((count, answer) => {
      const label = poll.kind === "scale" ? String(answer + 1) : (poll.options[answer] ?? "");
      rows.push([...base, label, null, count, poll.kind === "scale" ? (poll.mean ?? null) : null, null]);
    });
  });
  return csvTable(rows);
}

/** One row per budget proposal. */
export function budgetResultsCsv(report: OutcomeReport): string {
  const rows: (string | number | null)[][] = [
    ["budget_total", "participants", "proposal", "cost", "allocated"],
  ];
  const budget = report.budget;
  for (const proposal of budget?.proposals ?? [])
    rows.push([
      budget?.total ?? 0,
      budget?.participants ?? 0,
      proposal.title,
      proposal.cost,
      proposal.allocated,
    ]);
  return csvTable(rows);
}

export interface Publisher {
  readonly name: string;
  readonly url: string | undefined;
  readonly licence: string;
}

/** A file of the dataset: where it is (relative to the consultation), its media type and DCAT format. */
export const OUTCOME_FILES = [
  { file: "report.json", mediaType: "application/json", format: "JSON", title: "Outcome report" },
  { file: "report.csv", mediaType: "text/csv", format: "CSV", title: "Outcome report" },
  { file: "polls.json", mediaType: "application/json", format: "JSON", title: "Poll results" },
  { file: "polls.csv", mediaType: "text/csv", format: "CSV", title: "Poll results" },
  { file: "budget.json", mediaType: "application/json", format: "JSON", title: "Participatory budget" },
  { file: "budget.csv", mediaType: "text/csv", format: "CSV", title: "Participatory budget" },
  {
    file: "proposals.decidim.csv",
    mediaType: "text/csv",
    format: "CSV",
    title: "Ideas as a Decidim proposals import file",
  },
  {
    file: "proposals.decidim.json",
    mediaType: "application/json",
    format: "JSON",
    title: "Ideas as a Decidim proposals import file",
  },
] as const;

export type OutcomeFile = (typeof OUTCOME_FILES)[number]["file"] | "dataset.jsonld";

const EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
const EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/";
const LANGUAGE_CODES: Readonly<Record<string, string>> = { en: "ENG", nl: "NLD", fr: "FRA" };

/**
 * DCAT-AP metadata of the consultation's outcome (JSON-LD), for a municipal open-data portal to
 * harvest: the dataset with its title, description, publisher, issue date, language, and one
 * distribution per file with its licence. `base` is the consultation's address, `/c/<id>/`.
 */
export function dcatDataset(report: OutcomeReport, publisher: Publisher, base: string) {
  const { title, language, closedAt } = report.consultation;
  const issued = new Date(closedAt).toISOString();
  return {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@id": `${base}dataset.jsonld`,
    "@type": "dcat:Dataset",
    "dct:title": { "@value": title, "@language": language },
    "dct:description": {
      "@value": translate(language as Language, "outcome.datasetDescription", { title }),
      "@language": language,
    },
    "dct:issued": { "@value": issued, "@type": "xsd:dateTime" },
    "dct:language": { "@id": `${EU_LANGUAGE}${LANGUAGE_CODES[language] ?? "MUL"}` },
    "dct:publisher": {
      "@type": "foaf:Agent",
      "foaf:name": publisher.name,
      ...(publisher.url && { "@id": publisher.url, "foaf:homepage": { "@id": publisher.url } }),
    },
    "dcat:landingPage": { "@id": `${base}report` },
    "dcat:distribution": OUTCOME_FILES.map((file) => ({
      "@id": `${base}${file.file}`,
      "@type": "dcat:Distribution",
      "dct:title": file.title,
      "dcat:accessURL": { "@id": `${base}${file.file}` },
      "dcat:downloadURL": { "@id": `${base}${file.file}` },
      "dcat:mediaType": { "@id": `https://www.iana.org/assignments/media-types/${file.mediaType}` },
      "dct:format": { "@id": `${EU_FILE_TYPE}${file.format}` },
      "dct:license": { "@id": publisher.licence },
      "dct:issued": { "@value": issued, "@type": "xsd:dateTime" },
    })),
  };
}
