/** The HTTP API: thin handlers that parse the body, call the front desk and shape errors. */
import express, { type NextFunction, type Request, type Response } from "express";
import type { z } from "zod";
import {
  type ConsultationPreview,
  CreateConsultationBody,
  type CreateOptionsResponse,
  type DoorPrivacy,
  type HealthResponse,
  JoinBody,
  PreviewBody,
} from "../../shared/protocol/http-api.ts";
import { type SessionClaims, verifySessionToken } from "../auth/session-token.ts";
import { LINK_REPLACED_REASON } from "../consultations/facilitator-link.ts";
import {
  admitParticipant,
  createConsultation,
  type FrontDeskDeps,
  previewConsultation,
} from "../consultations/front-desk.ts";
import { INVITATION_REVOKED_REASON } from "../consultations/invitations.ts";
import { admitVerified } from "../consultations/verified-door.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import { callHall } from "../rooms/hall-calls.ts";
import { type VoiceSettings, voiceCredentials } from "../voice/voice-tokens.ts";
import { ApiError } from "./api-error.ts";
import { storeOutageRefusal } from "./store-outage.ts";

export function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
    throw new ApiError(
      400,
      "invalid_request",
      `The request body is not valid${where}: ${issue?.message ?? "unknown problem"}.`,
    );
  }
  return result.data;
}

export interface ApiRouteDeps extends FrontDeskDeps {
  readonly health: () => Promise<HealthResponse>;
  readonly voiceSettings: VoiceSettings;
  /** Stops an address trying invitation codes (server/http/address-rate-limits.ts). */
  readonly invitationGuesses: express.RequestHandler;
  /** The privacy notice's facts about this server, told with every preview. */
  readonly privacy: DoorPrivacy;
}

/**
 * The session behind an `Authorization: Bearer <sessionToken>` header, or a 401. The role is the
 * participant's current one from the store (a promotion in the room changes it), not the token's.
 */
export async function sessionOf(
  deps: Pick<ApiRouteDeps, "store" | "sessionSecret" | "now">,
  req: Request,
): Promise<SessionClaims> {
  const header = req.get("authorization") ?? "";
  const match = /^Bearer (\S+)$/.exec(header);
  const claims = match ? verifySessionToken(deps.sessionSecret, match[1], deps.now() / 1000) : undefined;
  const participant = claims ? await deps.store.findParticipant(claims.participantId) : undefined;
  if (!claims || !participant || participant.consultationId !== claims.consultationId) {
    throw new ApiError(
      401,
      "invalid_session",
      "A valid session token is required (Authorization: Bearer <sessionToken>).",
    );
  }
  if (participant.status === "banned")
    throw new ApiError(403, "banned", "You have been banned from this consultation.");
  if (participant.status === "removed")
    throw new ApiError(403, "removed", "A facilitator removed you from this consultation.");
  if (participant.status === "erased")
    throw new ApiError(403, "erased", "Your data in this consultation was erased at your request.");
  if (participant.status === "link_replaced")
    throw new ApiError(403, "facilitator_link_replaced", LINK_REPLACED_REASON);
  if (participant.status === "revoked")
    throw new ApiError(403, "invitation_revoked", INVITATION_REVOKED_REASON);
  return { ...claims, role: participant.role };
}

export function apiRoutes(deps: ApiRouteDeps): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: "16kb" }));

  router.post("/api/consultations", async (req, res) => {
    res.status(201).json(await createConsultation(deps, parse(CreateConsultationBody, req.body)));
  });
  router.get("/api/create-options", (_req, res) => {
    const body: CreateOptionsResponse = { secretRequired: deps.createSecret !== undefined };
    res.json(body);
  });
  // Looked up per request: the routers keep their dependencies until one comes.
  const invitationGuesses: express.RequestHandler = (req, res, next) =>
    deps.invitationGuesses(req, res, next);
  router.post("/api/preview", invitationGuesses, async (req, res) => {
    const preview: ConsultationPreview = {
      ...(await previewConsultation(deps, parse(PreviewBody, req.body))),
      privacy: deps.privacy,
    };
    res.json(preview);
  });
  router.post("/api/join", invitationGuesses, async (req, res) => {
    const body = parse(JoinBody, req.body);
    res.json(await ("signInTicket" in body ? admitVerified(deps, body) : admitParticipant(deps, body)));
  });
  router.post("/api/voice-token", async (req, res) => {
    const claims = await sessionOf(deps, req);
    // The room decides, in whichever process runs it.
    const canSpeak =
      (await callHall(claims.consultationId, "voiceDecision", claims.participantId)) ?? undefined;
    res.json(await voiceCredentials(deps.voiceSettings, claims, Math.floor(deps.now() / 1000), canSpeak));
  });
  router.get("/healthz", async (_req, res) => {
    const body = await deps.health();
    res.status(body.status === "ok" ? 200 : 503).json(body);
  });
  router.use("/api", (_req, _res) => {
    throw new ApiError(404, "not_found", "There is no such API endpoint.");
  });
  return router;
}

/** Turns every failure into `{ error: { code, message } }`; unexpected ones are logged, not shown. */
export function apiErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const refusal = error instanceof ApiError ? error : storeOutageRefusal(error);
  if (refusal) {
    res.status(refusal.status).json(refusal.toBody());
    return;
  }
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (status === 413 || type === "entity.too.large") {
    res.status(413).json(new ApiError(413, "payload_too_large", "The request body is too large.").toBody());
    return;
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    res
      .status(400)
      .json(
        new ApiError(400, "invalid_request", "The request could not be read (malformed JSON?).").toBody(),
      );
    return;
  }
  serverLog.error("Unexpected error while handling a request:", error);
  res.status(500).json(new ApiError(500, "internal", "Something went wrong on the server.").toBody());
}
