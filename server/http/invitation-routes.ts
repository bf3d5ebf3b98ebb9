/**
 * Invitations over HTTP, for facilitators and co-facilitators: create them (`POST /api/invitations`,
 * a number or one per label, 201 with the codes, shown once), list them with their states
 * (`GET /api/invitations?consultationId=`, never the codes) and revoke one
 * (`POST /api/invitations/<id>/revoke`), which closes it for good and ends its holder's session.
 */
import express, { type Request } from "express";
import { checkInvitationLabel } from "../../shared/consultation/access.ts";
import { can } from "../../shared/consultation/permissions.ts";
import {
  CreateInvitationsBody,
  type CreateInvitationsResponse,
  type InvitationListResponse,
} from "../../shared/protocol/http-api.ts";
import type { SessionClaims } from "../auth/session-token.ts";
import { createInvitations, type Revocation, storeRevocation } from "../consultations/invitations.ts";
import { callHall } from "../rooms/hall-calls.ts";
import { type ConsultationStore, invitationState } from "../store/consultation-store.ts";
import { ApiError } from "./api-error.ts";
import { parse, sessionOf } from "./api-routes.ts";

export interface InvitationDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly now: () => number;
}

/** 5,000 labels of up to 80 characters, as JSON. */
const INVITATIONS_BODY_LIMIT = "1mb";

export function invitationRoutes(deps: InvitationDeps): express.Router {
  const router = express.Router();

  /** The caller's session, if it may handle the invitations of `consultationId`. */
  async function inviter(req: Request, consultationId: unknown): Promise<SessionClaims> {
    const session = await sessionOf(deps, req);
    if (!can(session.role, "invite"))
      throw new ApiError(403, "not_allowed", "Only facilitators and co-facilitators handle invitations.");
    if (consultationId !== session.consultationId)
      throw new ApiError(403, "not_allowed", "This session is for another consultation.");
    return session;
  }

  router.post("/api/invitations", express.json({ limit: INVITATIONS_BODY_LIMIT }), async (req, res) => {
    const body = parse(CreateInvitationsBody, req.body);
    const session = await inviter(req, body.consultationId);
    let labels: (string | undefined)[];
    if ("count" in body) labels = Array.from({ length: body.count }, () => undefined);
    else {
      labels = [];
      for (const [index, raw] of body.labels.entries()) {
        const checked = checkInvitationLabel(raw);
        if (!checked.ok)
          throw new ApiError(
            400,
            "invalid_invitations",
            `Label ${index + 1} is empty, longer than 80 characters, or has invisible or markup characters.`,
          );
        labels.push(checked.label);
      }
    }
    const invitations = await createInvitations(
      deps.store,
      body.consultationId,
      session.participantId,
      labels,
      deps.now(),
    );
    const answer: CreateInvitationsResponse = { invitations };
    res.status(201).json(answer);
  });

  router.get("/api/invitations", async (req, res) => {
    const consultationId = req.query.consultationId;
    await inviter(req, consultationId);
    const records = await deps.store.listInvitations(String(consultationId));
    const answer: InvitationListResponse = {
      invitations: records.map((record) => ({
        id: record.id,
        ...(record.label === undefined ? {} : { label: record.label }),
        state: invitationState(record),
        createdAt: record.createdAt,
      })),
      counts: { unused: 0, entered: 0, revoked: 0 },
    };
    for (const invitation of answer.invitations) answer.counts[invitation.state] += 1;
    res.json(answer);
  });

  router.post("/api/invitations/:id/revoke", async (req, res) => {
    const session = await sessionOf(deps, req);
    await inviter(req, session.consultationId);
    const change: Revocation = {
      consultationId: session.consultationId,
      invitationId: String(req.params.id),
      actorId: session.participantId,
      at: deps.now(),
    };
    // The open room revokes it in its command order and lets the holder go at once.
    const done = await callHall(session.consultationId, "revokeInvitation", change);
    if (done === undefined) await deps.store.transaction((tx) => storeRevocation(tx, change));
    res.json({ id: change.invitationId, state: "revoked" });
  });

  return router;
}
