/**
 * Open data and slides over HTTP: the outcome report of a closed consultation as JSON and CSV
 * (aggregates only), its polls and budget on their own, its ideas as a Decidim import file, its DCAT-AP
 * metadata; slide uploads by facilitators, and the slides themselves.
 */
import express, { type Request } from "express";
import {
  budgetResults,
  budgetResultsCsv,
  dcatDataset,
  decidimProposals,
  decidimProposalsCsv,
  type Publisher,
  pollResults,
  pollResultsCsv,
} from "../../shared/consultation/outcome-exports.ts";
import { type OutcomeReport, outcomeReportCsv } from "../../shared/consultation/outcome-report.ts";
import { isFacilitating } from "../../shared/consultation/roles.ts";
import { MAX_SLIDES, SLIDE_MAX_BYTES, slideTypeOf } from "../../shared/protocol/consultation-messages.ts";
import type { SlideUploadResponse } from "../../shared/protocol/http-api.ts";
import { newId } from "../auth/secrets.ts";
import { callHall } from "../rooms/hall-calls.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { ApiError } from "./api-error.ts";
import { sessionOf } from "./api-routes.ts";

export interface OutcomeRouteDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly now: () => number;
  /** Who publishes the open data, named in its DCAT-AP metadata. */
  readonly publisher: Publisher;
}

/** The consultation's address as the caller reached it (behind a proxy, its forwarded scheme). */
function consultationBase(req: Request, id: string): string {
  return `${req.protocol}://${req.get("host")}/c/${encodeURIComponent(id)}/`;
}

async function reportOf(deps: OutcomeRouteDeps, req: Request): Promise<OutcomeReport> {
  const id = String(req.params.id ?? "");
  const found = await deps.store.findReport(id);
  if (found) return found.report as OutcomeReport;
  if (await deps.store.findConsultation(id))
    throw new ApiError(
      404,
      "report_not_ready",
      "The report appears once the facilitator closes the consultation.",
    );
  throw new ApiError(404, "unknown_consultation", "This consultation does not exist.");
}

export function outcomeRoutes(deps: OutcomeRouteDeps): express.Router {
  const router = express.Router();

  const csv = (file: string, toCsv: (report: OutcomeReport) => string) =>
    router.get(`/c/:id/${file}`, async (req, res) => {
      const report = await reportOf(deps, req);
      res
        .type("text/csv; charset=utf-8")
        .set("Link", `<${consultationBase(req, report.consultation.id)}dataset.jsonld>; rel="describedby"`)
        .attachment(`plenum-${report.consultation.id}-${file}`)
        .send(toCsv(report));
    });
  const json = (file: string, toJson: (report: OutcomeReport) => unknown) =>
    router.get(`/c/:id/${file}`, async (req, res) => {
      const report = await reportOf(deps, req);
      res
        .set("Link", `<${consultationBase(req, report.consultation.id)}dataset.jsonld>; rel="describedby"`)
        .json(toJson(report));
    });
  json("report.json", (report) => report);
  csv("report.csv", outcomeReportCsv);
  json("polls.json", pollResults);
  csv("polls.csv", pollResultsCsv);
  json("budget.json", budgetResults);
  csv("budget.csv", budgetResultsCsv);
  json("proposals.decidim.json", decidimProposals);
  csv("proposals.decidim.csv", decidimProposalsCsv);
  router.get("/c/:id/dataset.jsonld", async (req, res) => {
    const report = await reportOf(deps, req);
    const base = consultationBase(req, report.consultation.id);
    res.type("application/ld+json").send(JSON.stringify(dcatDataset(report, deps.publisher, base)));
  });

  /** `POST /api/slides` with `Authorization: Bearer <sessionToken>` and a PNG, JPEG or WebP body. */
  router.post("/api/slides", express.raw({ type: () => true, limit: SLIDE_MAX_BYTES }), async (req, res) => {
    const session = await sessionOf(deps, req);
    if (!isFacilitating(session.role))
      throw new ApiError(403, "not_allowed", "Only facilitators upload slides.");
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const mime = slideTypeOf(bytes);
    if (!mime)
      throw new ApiError(400, "invalid_slide", "A slide is a PNG, JPEG or WebP image of at most 5 MB.");
    const id = newId();
    const index = await deps.store.addSlide(session.consultationId, { id, mime, bytes }, MAX_SLIDES);
    if (index === undefined)
      throw new ApiError(409, "too_many_slides", `A consultation has at most ${MAX_SLIDES} slides.`);
    await callHall(session.consultationId, "slidesChanged");
    const body: SlideUploadResponse = {
      id,
      index,
      url: `/c/${encodeURIComponent(session.consultationId)}/slides/${encodeURIComponent(id)}`,
    };
    res.status(201).json(body);
  });

  router.get("/c/:id/slides/:slideId", async (req, res) => {
    const slide = await deps.store.readSlide(String(req.params.id), String(req.params.slideId));
    if (!slide) throw new ApiError(404, "unknown_slide", "There is no such slide.");
    res
      .type(slide.mime)
      .set("Cache-Control", "public, max-age=31536000, immutable")
      .send(Buffer.from(slide.bytes));
  });
  return router;
}
