/**
 * The published descriptions of Plenum's interfaces: an OpenAPI 3.1 document of the HTTP routes and a
 * JSON Schema of the room protocol. Both are written by zod from the very schemas that validate the
 * requests and type the answers, so they cannot drift from the code.
 */
import express from "express";
import { z } from "zod";
import { ALL_CLIENT_MESSAGES } from "../../shared/protocol/client-messages.ts";
import { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { ErrorBody, ErrorResponse } from "../../shared/protocol/error-codes.ts";
import {
  ConsultationPreview,
  CreateConsultationBody,
  CreateConsultationResponse,
  CreateInvitationsBody,
  CreateInvitationsResponse,
  CreateOptionsResponse,
  FacilitatorKeyResponse,
  HealthResponse,
  InvitationListResponse,
  JoinBody,
  JoinResponse,
  PreviewBody,
  RevokedInvitation,
  ROOM_NAME,
  RoomJoinOptions,
  SlideUploadResponse,
  VoiceTokenResponse,
} from "../../shared/protocol/http-api.ts";
import {
  BudgetResults,
  DcatDataset,
  DecidimProposals,
  OutcomeReport,
  PollResults,
} from "../../shared/protocol/outcome-report-schema.ts";
import {
  AuditLogResponse,
  REPORT_RECEIVED_MESSAGE,
  RelayedSignal,
  ReportReceived,
  SERVER_ERROR_MESSAGE,
  SERVER_RESTARTING_MESSAGE,
  SIGNAL_MESSAGE,
} from "../../shared/protocol/room-messages.ts";
import { LIVEKIT_WEBHOOK_MEDIA_TYPE, LIVEKIT_WEBHOOK_ROUTE } from "../voice/livekit-webhook.ts";
import { ApiError } from "./api-error.ts";

export const OPENAPI_ROUTE = "/api/openapi.json";
/** The outcome files' schemas on their own, for a portal or a script that reads them. */
export const OUTCOME_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  "outcome-report": OutcomeReport,
  "poll-results": PollResults,
  "budget-results": BudgetResults,
  "decidim-proposals": DecidimProposals,
};
export const ROOM_PROTOCOL_ROUTE = "/api/room-protocol.json";
const DIALECT = "https://json-schema.org/draft/2020-12/schema";

type JsonSchema = Record<string, unknown>;

/** A schema as JSON Schema 2020-12; `input` for what a client sends (defaults may be left out). */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io });
  return rest;
}

/** A body or answer that is not JSON: its media types, each an opaque string or bytes. */
interface OtherContent {
  readonly mediaTypes: readonly string[];
  readonly binary: boolean;
}

interface Answer {
  readonly description: string;
  readonly json?: z.ZodType;
  /** The media type of a JSON answer, when it is not plain `application/json`. */
  readonly jsonMediaType?: string;
  readonly other?: OtherContent;
}

export interface HttpOperation {
  readonly method: "get" | "post";
  /** In OpenAPI's form, parameters in braces: `/c/{id}/report.json`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** Needs `Authorization: Bearer <sessionToken>` from `POST /api/join`. */
  readonly session?: boolean;
  readonly body?: z.ZodType | OtherContent;
  /** The answer when all goes well, by status; every refusal is `ErrorResponse` (`default`). */
  readonly answers: Readonly<Record<string, Answer>>;
}

/** An outcome file of a closed consultation; 404 `report_not_ready` before it closes. */
function outcomeFile(
  file: string,
  operationId: string,
  summary: string,
  answer: Omit<Answer, "description">,
): HttpOperation {
  return {
    method: "get",
    path: `/c/{id}/${file}`,
    operationId,
    summary,
    tags: ["outcomes"],
    answers: { "200": { description: "The file", ...answer } },
  };
}

const consultationId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const IMAGES: OtherContent = { mediaTypes: ["image/png", "image/jpeg", "image/webp"], binary: true };
const TEXT = (mediaType: string): OtherContent => ({ mediaTypes: [mediaType], binary: false });

/** Every route Plenum itself answers (the client pages and Colyseus's matchmaking are not listed). */
export const HTTP_OPERATIONS: HttpOperation[] = [
  {
    method: "post",
    path: "/api/consultations",
    operationId: "createConsultation",
    summary: "Create a consultation; answers its join code and the secret facilitator key",
    tags: ["door"],
    body: CreateConsultationBody,
    answers: { "201": { description: "Created", json: CreateConsultationResponse } },
  },
  {
    method: "get",
    path: "/api/create-options",
    operationId: "createOptions",
    summary: "What the create form must ask for here: whether the operator's creation code is required",
    tags: ["door"],
    answers: { "200": { description: "The options", json: CreateOptionsResponse } },
  },
  {
    method: "post",
    path: "/api/preview",
    operationId: "previewConsultation",
    summary: "What a join code or facilitator key opens, before anyone picks a name",
    tags: ["door"],
    body: PreviewBody,
    answers: { "200": { description: "The consultation behind the code", json: ConsultationPreview } },
  },
  {
    method: "post",
    path: "/api/join",
    operationId: "join",
    summary: "Pass the door with a pseudonym; answers a session token for the hall and the API",
    tags: ["door"],
    body: JoinBody,
    answers: { "200": { description: "Admitted", json: JoinResponse } },
  },
  {
    method: "get",
    path: "/auth/oidc/start",
    operationId: "startSignIn",
    summary:
      "Verified consultations: redirects (303) to the operator's OpenID provider, authorization code flow with PKCE; query consultationId",
    tags: ["door"],
    answers: { "303": { description: "To the provider's sign-in page" } },
  },
  {
    method: "get",
    path: "/auth/oidc/callback",
    operationId: "finishSignIn",
    summary:
      "The provider's redirect back: checks state, nonce and the ID token, then redirects (303) to the join page with a one-use ticket for POST /api/join (signInTicket); a refusal is an HTML page",
    tags: ["door"],
    answers: { "303": { description: "To the consultation's join page" } },
  },
  {
    method: "post",
    path: "/api/voice-token",
    operationId: "voiceToken",
    summary: "How this participant connects voice: a LiveKit token, or peer-to-peer settings",
    tags: ["hall"],
    session: true,
    answers: { "200": { description: "Voice credentials", json: VoiceTokenResponse } },
  },
  {
    method: "post",
    path: LIVEKIT_WEBHOOK_ROUTE,
    operationId: "liveKitWebhook",
    summary:
      "LiveKit's webhook (signed with its API key): whoever connects to voice gets the hall's current right to speak",
    tags: ["voice"],
    body: TEXT(LIVEKIT_WEBHOOK_MEDIA_TYPE),
    answers: { "200": { description: "Received", json: z.object({}) } },
  },
  {
    method: "post",
    path: "/api/facilitator-key",
    operationId: "replaceFacilitatorKey",
    summary: "The lead facilitator replaces the facilitator link; the old one stops working",
    tags: ["hall"],
    session: true,
    answers: { "201": { description: "The new key, shown once", json: FacilitatorKeyResponse } },
  },
  {
    method: "post",
    path: "/api/invitations",
    operationId: "createInvitations",
    summary:
      "A facilitator makes personal invitations, a number of them or one per label; codes are shown once",
    tags: ["door"],
    session: true,
    body: CreateInvitationsBody,
    answers: { "201": { description: "The invitations with their codes", json: CreateInvitationsResponse } },
  },
  {
    method: "get",
    path: "/api/invitations",
    operationId: "listInvitations",
    summary: "A facilitator lists the invitations of ?consultationId=: ids, labels and states, never codes",
    tags: ["door"],
    session: true,
    answers: { "200": { description: "The invitations", json: InvitationListResponse } },
  },
  {
    method: "post",
    path: "/api/invitations/{id}/revoke",
    operationId: "revokeInvitation",
    summary: "A facilitator revokes an invitation for good; whoever entered with it is let go",
    tags: ["door"],
    session: true,
    answers: { "200": { description: "Revoked", json: RevokedInvitation } },
  },
  {
    method: "post",
    path: "/api/slides",
    operationId: "uploadSlide",
    summary: "A facilitator uploads a slide (PNG, JPEG or WebP, at most 5 MB)",
    tags: ["hall"],
    session: true,
    body: IMAGES,
    answers: { "201": { description: "Stored and shown in the hall", json: SlideUploadResponse } },
  },
  {
    method: "get",
    path: "/c/{id}/slides/{slideId}",
    operationId: "slide",
    summary: "One slide's image",
    tags: ["hall"],
    answers: { "200": { description: "The image", other: IMAGES } },
  },
  {
    method: "get",
    path: "/c/{id}/report.json",
    operationId: "reportJson",
    summary: "The outcome report of a closed consultation (open data: aggregates only)",
    tags: ["outcomes"],
    answers: { "200": { description: "The report", json: OutcomeReport } },
  },
  {
    method: "get",
    path: "/c/{id}/report.csv",
    operationId: "reportCsv",
    summary: "The outcome report as one CSV table: section, item, measure, value",
    tags: ["outcomes"],
    answers: { "200": { description: "The report", other: TEXT("text/csv") } },
  },
  outcomeFile("polls.json", "pollsJson", "The poll results on their own", { json: PollResults }),
  outcomeFile("polls.csv", "pollsCsv", "The poll results, one row per answer", { other: TEXT("text/csv") }),
  outcomeFile("budget.json", "budgetJson", "The participatory budget (null without one)", {
    json: BudgetResults,
  }),
  outcomeFile("budget.csv", "budgetCsv", "The participatory budget, one row per proposal", {
    other: TEXT("text/csv"),
  }),
  outcomeFile(
    "proposals.decidim.csv",
    "decidimCsv",
    'The ideas for Decidim\'s "Import proposals from a file"',
    {
      other: TEXT("text/csv"),
    },
  ),
  outcomeFile("proposals.decidim.json", "decidimJson", "The ideas for Decidim's import, as JSON", {
    json: DecidimProposals,
  }),
  outcomeFile("dataset.jsonld", "dataset", "DCAT-AP metadata of the outcome files (JSON-LD)", {
    json: DcatDataset,
    jsonMediaType: "application/ld+json",
  }),
  {
    method: "get",
    path: "/api/schemas/{name}.json",
    operationId: "outcomeSchema",
    summary: `JSON Schema of an outcome file: ${Object.keys(OUTCOME_SCHEMAS).join(", ")}`,
    tags: ["outcomes"],
    answers: { "200": { description: "JSON Schema 2020-12", json: z.record(z.string(), z.unknown()) } },
  },
  {
    method: "get",
    path: "/healthz",
    operationId: "health",
    summary: "Rooms and participants in this process",
    tags: ["operations"],
    answers: {
      "200": { description: "Running", json: HealthResponse },
      "503": { description: "The store cannot be reached: send people elsewhere", json: HealthResponse },
    },
  },
  {
    method: "get",
    path: "/metrics",
    operationId: "metrics",
    summary:
      "Prometheus metrics: on METRICS_PORT, or here with Authorization: Bearer <METRICS_TOKEN> (else 404)",
    tags: ["operations"],
    answers: { "200": { description: "Prometheus text format", other: TEXT("text/plain") } },
  },
  {
    method: "get",
    path: OPENAPI_ROUTE,
    operationId: "openApi",
    summary: "This document",
    tags: ["operations"],
    answers: { "200": { description: "OpenAPI 3.1", json: z.record(z.string(), z.unknown()) } },
  },
  {
    method: "get",
    path: ROOM_PROTOCOL_ROUTE,
    operationId: "roomProtocol",
    summary: "JSON Schema of the room's messages, for anyone writing another client",
    tags: ["operations"],
    answers: { "200": { description: "JSON Schema 2020-12", json: z.record(z.string(), z.unknown()) } },
  },
];

function content(
  body: z.ZodType | OtherContent,
  io: "input" | "output",
  jsonType = "application/json",
): JsonSchema {
  if (body instanceof z.ZodType) return { [jsonType]: { schema: jsonSchema(body, io) } };
  const schema = body.binary ? { type: "string", contentMediaType: body.mediaTypes[0] } : { type: "string" };
  return Object.fromEntries(body.mediaTypes.map((type) => [type, { schema }]));
}

function parametersOf(path: string): JsonSchema[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) =>
    name === "id" ? consultationId : { name, in: "path", required: true, schema: { type: "string" } },
  );
}

function operationObject(operation: HttpOperation): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, answer] of Object.entries(operation.answers)) {
    const body = answer.json ?? answer.other;
    const media = body && content(body, "output", answer.jsonMediaType);
    responses[status] = { description: answer.description, ...(media && { content: media }) };
  }
  responses.default = {
    description: "A refusal or failure, with a stable code and a human message",
    content: content(ErrorResponse, "output"),
  };
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: operation.tags,
    ...(operation.session && { security: [{ session: [] }] }),
    ...(parametersOf(operation.path).length > 0 && { parameters: parametersOf(operation.path) }),
    ...(operation.body && { requestBody: { required: true, content: content(operation.body, "input") } }),
    responses,
  };
}

/** The OpenAPI 3.1 document of `operations`, for a server at `version`. */
export function openApiDocument(operations: readonly HttpOperation[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: DIALECT,
    info: {
      title: "Plenum HTTP API",
      version,
      description:
        "Create and join consultations, voice credentials, slides, outcomes and operations. Every refusal is " +
        "`{ error: { code, message } }` with a stable code. The hall itself is a Colyseus room " +
        `(\`${ROOM_NAME}\`), described at ${ROOM_PROTOCOL_ROUTE}.`,
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    components: {
      securitySchemes: {
        session: { type: "http", scheme: "bearer", description: "The sessionToken from POST /api/join" },
      },
    },
    paths,
  };
}

/** The room protocol as one JSON Schema: each message a client may send, and what the room answers. */
export function roomProtocolSchema(): JsonSchema {
  const messages = Object.fromEntries(
    Object.entries(ALL_CLIENT_MESSAGES).map(([type, schema]) => [type, jsonSchema(schema, "input")]),
  );
  return {
    $schema: DIALECT,
    $id: ROOM_PROTOCOL_ROUTE,
    title: `Plenum room protocol (Colyseus room "${ROOM_NAME}")`,
    description:
      "A client joins with JoinOptions, then sends the messages in $defs by their type (snake_case names) (`room.send(type, body)`, or " +
      "`room.request(type, body)` for the consultation methods, answered with a MethodAnswer). A refused " +
      `message is answered with an "${SERVER_ERROR_MESSAGE}" message (ErrorMessage). Any other type is refused. ` +
      `The room also sends, by type: "${REPORT_RECEIVED_MESSAGE}" (ReportReceived, to facilitators), ` +
      `"${SIGNAL_MESSAGE}" (RelayedSignal, peer-to-peer voice) and "${SERVER_RESTARTING_MESSAGE}" (an empty object); ` +
      "an audit_log request is answered with an AuditLogResponse. The hall's state itself is Colyseus schema state.",
    $defs: {
      JoinOptions: jsonSchema(RoomJoinOptions, "input"),
      MethodAnswer: jsonSchema(MethodAnswer, "output"),
      ErrorMessage: jsonSchema(ErrorBody, "output"),
      ReportReceived: jsonSchema(ReportReceived, "output"),
      RelayedSignal: jsonSchema(RelayedSignal, "output"),
      AuditLogResponse: jsonSchema(AuditLogResponse, "output"),
      ...messages,
    },
  };
}

/** Serves both descriptions, built once. */
export function apiDescriptionRoutes(operations: readonly HttpOperation[], version: string): express.Router {
  const router = express.Router();
  const document = openApiDocument(operations, version);
  const protocol = roomProtocolSchema();
  router.get(OPENAPI_ROUTE, (_req, res) => {
    res.json(document);
  });
  router.get(ROOM_PROTOCOL_ROUTE, (_req, res) => {
    res.json(protocol);
  });
  const schemas = new Map(
    Object.entries(OUTCOME_SCHEMAS).map(([name, schema]) => [
      name,
      { $schema: DIALECT, $id: `/api/schemas/${name}.json`, ...jsonSchema(schema, "output") },
    ]),
  );
  router.get("/api/schemas/:name.json", (req, res) => {
    const schema = schemas.get(String(req.params.name));
    if (!schema) throw new ApiError(404, "not_found", "There is no such schema.");
    res.json(schema);
  });
  return router;
}
