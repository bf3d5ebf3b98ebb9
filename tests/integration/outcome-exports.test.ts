/**
 * The outcome files a municipality moves into its own tools, from a consultation run with real
 * clients: the ideas as Decidim's "Import proposals from a file" reads them, polls and budget as CSV
 * and JSON that fit their published JSON Schema, and DCAT-AP metadata with the configured publisher.
 *
 * The Decidim file is read the way decidim-admin's importer reads it (Readers::CSV: Ruby's CSV with
 * `;` between fields, the first row naming the fields, the file taken as UTF-8 and a byte-order mark
 * not removed, so it would stick to the first name; ProposalsVerifier: `title/<default locale>` and
 * `body/<default locale>` present and no name twice; the creator drops `id` and gathers
 * `<field>/<locale>` for each locale of the organisation). Each proposal is compared with the report.
 * The minutes of interpretation are measured on the server's clock, which the test moves on.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutcomeReport } from "../../shared/consultation/outcome-report.ts";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const PUBLISHER = { PUBLISHER_NAME: "Stad Gent", PUBLISHER_URL: "https://stad.gent" };
const LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/";
const LONG_IDEA = `A footbridge over the river at the old quay, ${"with room for bikes and prams alike, ".repeat(5)}lit at night`;
const TRICKY_IDEA = '- Benches; "real" ones, facing the water';
/** What Decidim's organisation offers in this test: the consultation's language is its default. */
const DECIDIM_LOCALES = ["en", "nl", "fr"];

/** Decidim's importer, as far as it can be followed here: the proposals it would create, or its errors. */
function importDecidimCsv(bytes: Uint8Array, defaultLocale: string) {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  const [headers = [], ...rows] = parse(text, {
    delimiter: ";",
    bom: false,
    relax_quotes: false,
  }) as string[][];
  const errors: string[] = [];
  for (const required of [`title/${defaultLocale}`, `body/${defaultLocale}`])
    if (!headers.includes(required)) errors.push(`missing ${required}`);
  if (new Set(headers).size !== headers.length) errors.push("duplicate headers");
  const proposals = rows.map((row) => {
    const data = new Map(headers.map((header, i) => [header, row[i]]));
    data.delete("id");
    const localised = (field: string) =>
      Object.fromEntries(
        DECIDIM_LOCALES.flatMap((locale) => {
          const value = data.get(`${field}/${locale}`);
          return value === undefined ? [] : [[locale, value]];
        }),
      );
    return { title: localised("title"), body: localised("body") };
  });
  return { errors, proposals };
}

async function ask(
  room: HallRoom,
  type: string,
  body: unknown = {},
): Promise<Extract<MethodAnswer, { ok: true }>> {
  const answer = (await room.request(type, body)) as MethodAnswer;
  if (!answer.ok) throw new Error(`${type} was refused: ${JSON.stringify(answer.error)}`);
  return answer;
}

describe("outcome exports", () => {
  let server: TestServer;
  const rooms: HallRoom[] = [];
  let base: string;
  let report: OutcomeReport;
  let skewMs = 0;

  beforeAll(async () => {
    server = await startTestServer(
      { ...PUBLISHER, OPEN_DATA_LICENCE: LICENCE },
      { now: () => Date.now() + skewMs },
    );
    const created = await server.createConsultation("Riverside quay");
    const lead = await enterHall(server.url, await server.joinAsFacilitator(created.facilitatorKey, "Lea"));
    const citizens = await Promise.all(
      ["Ann", "Bo", "Cas"].map(async (name) =>
        enterHall(server.url, await server.join(created.joinCode, name)),
      ),
    );
    rooms.push(lead, ...citizens);
    const [ann, bo, cas] = citizens as [HallRoom, HallRoom, HallRoom];
    const bridge = (await ask(ann, "post_idea", { text: LONG_IDEA })).ideaId;
    const benches = (await ask(bo, "post_idea", { text: TRICKY_IDEA })).ideaId;
    const trees = (await ask(cas, "post_idea", { text: "More trees" })).ideaId;
    for (const room of [bo, cas]) await ask(room, "upvote_idea", { ideaId: bridge });
    await ask(ann, "upvote_idea", { ideaId: trees });
    await ask(lead, "merge_ideas", { ideaIds: [benches, trees], label: "Green and rest" });
    await ask(lead, "pin_idea", { ideaId: bridge, pinned: true });
    const pollId = (
      await ask(lead, "poll_create", {
        question: "Open the quay to cars?",
        kind: "single",
        options: ["Yes", "No"],
        open: true,
      })
    ).pollId;
    await ask(ann, "cast_ballot", { pollId, choices: [1] });
    await ask(bo, "cast_ballot", { pollId, choices: [1] });
    await ask(cas, "cast_ballot", { pollId, choices: [0] });
    await ask(lead, "budget_open", {
      total: 100,
      proposals: [
        { title: "Lights", cost: 60 },
        { title: "Benches", cost: 40 },
      ],
    });
    await waitFor("the budget", () => lead.state.budget.proposals.length === 2);
    const [lights, seats] = lead.state.budget.proposals.map((proposal) => proposal.id) as [string, string];
    await ask(ann, "allocate_budget", { allocation: { [lights]: 60, [seats]: 40 } });
    await ask(bo, "allocate_budget", { allocation: { [seats]: 40 } });
    // Cas interprets into Dutch for 6 minutes.
    const casId = [...lead.state.participants.values()].find((p) => p.name === "Cas")?.id ?? "";
    lead.send("assign_interpreter", { participantId: casId, languages: ["nl", "fr"] });
    await waitFor("Cas interprets", () => cas.state.participants.get(casId)?.role === "interpreter");
    cas.send("interpret_into", { language: "nl" });
    cas.send("interpreter_live", { live: true });
    await waitFor("Cas live", () => lead.state.participants.get(casId)?.interpreterLive === true);
    skewMs += 6 * 60_000;
    await ask(lead, "close_consultation");
    base = `${server.url}/c/${created.id}/`;
    report = (await (await fetch(`${base}report.json`)).json()) as OutcomeReport;
    expect(report.ideas.items).toHaveLength(3);
  });
  afterAll(async () => {
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
    await server.stop();
  });

  it("gives the ideas in a file that Decidim's proposal import reads, one proposal per idea", async () => {
    const response = await fetch(`${base}proposals.decidim.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // No byte-order mark: Decidim's reader would keep it as part of the first field's name.
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const { errors, proposals } = importDecidimCsv(bytes, "en");
    expect(errors).toEqual([]);
    expect(importDecidimCsv(bytes, "nl").errors).toEqual(["missing title/nl", "missing body/nl"]);
    expect(proposals).toHaveLength(report.ideas.items.length);
    report.ideas.items.forEach((idea, i) => {
      const proposal = proposals[i];
      expect(Object.keys(proposal?.title ?? {})).toEqual(["en"]);
      const title = proposal?.title.en ?? "";
      if (idea.text.length <= 150) expect(title).toBe(idea.text);
      else {
        expect([...title].length).toBeLessThanOrEqual(150);
        expect(idea.text.startsWith(title.slice(0, -1))).toBe(true);
      }
      const body = proposal?.body.en ?? "";
      expect(body.startsWith(`${idea.text}\n`)).toBe(true);
      expect(body).toContain(`Upvotes in the hall: ${idea.votes}`);
      if (idea.cluster) expect(body).toContain(`Grouped under: ${idea.cluster}`);
      else expect(body).not.toContain("Grouped under");
      expect(body.includes("Pinned by the facilitator.")).toBe(idea.pinned);
    });
    expect(proposals.find((p) => p.body.en?.startsWith(TRICKY_IDEA))?.title.en).toBe(TRICKY_IDEA);

    const json = (await (await fetch(`${base}proposals.decidim.json`)).json()) as Record<string, string>[];
    // Decidim's JSON reader takes the first object's keys as the names and each object's values in order.
    const asRows = [Object.keys(json[0] ?? {}), ...json.map((row) => Object.values(row))];
    const csvText = new TextDecoder().decode(bytes);
    expect(asRows).toEqual(parse(csvText, { delimiter: ";" }));
  });

  it("gives polls and the budget as CSV and as JSON that fits the published schema", async () => {
    const ajv = new Ajv2020({ strict: true });
    for (const [file, schemaName] of [
      ["polls.json", "poll-results"],
      ["budget.json", "budget-results"],
      ["report.json", "outcome-report"],
      ["proposals.decidim.json", "decidim-proposals"],
    ] as const) {
      const schema = (await (await fetch(`${server.url}/api/schemas/${schemaName}.json`)).json()) as object;
      const validate = ajv.compile(schema);
      const body = await (await fetch(`${base}${file}`)).json();
      expect(validate(body), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    const polls = (await (await fetch(`${base}polls.json`)).json()) as { polls: OutcomeReport["polls"] };
    expect(polls.polls).toEqual(report.polls);
    const pollRows = parse(await (await fetch(`${base}polls.csv`)).text(), { columns: true }) as Record<
      string,
      string
    >[];
    expect(pollRows.map((row) => [row.question, row.answer, Number(row.count)])).toEqual([
      ["Open the quay to cars?", "Yes", 1],
      ["Open the quay to cars?", "No", 2],
    ]);
    const budget = (await (await fetch(`${base}budget.json`)).json()) as { budget: OutcomeReport["budget"] };
    expect(budget.budget).toEqual(report.budget);
    const budgetRows = parse(await (await fetch(`${base}budget.csv`)).text(), { columns: true }) as Record<
      string,
      string
    >[];
    expect(budgetRows).toEqual(
      (report.budget?.proposals ?? []).map((proposal) => ({
        budget_total: "100",
        participants: "2",
        proposal: proposal.title,
        cost: String(proposal.cost),
        allocated: String(proposal.allocated),
      })),
    );
    expect(budgetRows.map((row) => row.allocated)).toEqual(["60", "80"]);
  });

  it("gives the minutes of interpretation per language in the report's JSON and CSV", async () => {
    const minutes = report.interpretation?.minutesByLanguage;
    expect(minutes?.nl).toBeGreaterThanOrEqual(6);
    expect(minutes?.nl).toBeLessThan(6.5);
    expect({ en: minutes?.en, fr: minutes?.fr }).toEqual({ en: 0, fr: 0 });
    const rows = parse(await (await fetch(`${base}report.csv`)).text(), { columns: true }) as Record<
      string,
      string
    >[];
    expect(
      rows.filter((row) => row.section === "interpretation").map((row) => [row.item, row.measure, row.value]),
    ).toEqual([
      ["en", "minutes", "0"],
      ["nl", "minutes", String(minutes?.nl)],
      ["fr", "minutes", "0"],
    ]);
  });

  it("describes the files with DCAT-AP metadata naming the configured publisher and licence", async () => {
    const response = await fetch(`${base}dataset.jsonld`);
    expect(response.headers.get("content-type")).toContain("application/ld+json");
    const dataset = (await response.json()) as Record<string, unknown>;
    expect(dataset["@type"]).toBe("dcat:Dataset");
    expect(dataset["dct:title"]).toEqual({ "@value": "Riverside quay", "@language": "en" });
    expect((dataset["dct:description"] as { "@value": string })["@value"]).toContain("Riverside quay");
    expect(dataset["dct:issued"]).toEqual({
      "@value": new Date(report.consultation.closedAt).toISOString(),
      "@type": "xsd:dateTime",
    });
    expect(dataset["dct:publisher"]).toMatchObject({ "foaf:name": "Stad Gent", "@id": "https://stad.gent" });
    const distributions = dataset["dcat:distribution"] as Record<string, { "@id": string }>[];
    expect(distributions.length).toBeGreaterThanOrEqual(6);
    for (const distribution of distributions) {
      expect(distribution["dct:license"]).toEqual({ "@id": LICENCE });
      const file = await fetch(distribution["dcat:downloadURL"]?.["@id"] ?? "");
      expect(file.status, JSON.stringify(distribution["dcat:downloadURL"])).toBe(200);
      const mediaType = distribution["dcat:mediaType"]?.["@id"].split("/media-types/")[1] ?? "none";
      expect(file.headers.get("content-type")).toContain(mediaType);
    }
    expect((await fetch(`${base}report.json`)).headers.get("link")).toBe(
      `<${base}dataset.jsonld>; rel="describedby"`,
    );
  });
});
