/**
 * `POST /api/invitations`, `GET /api/invitations?consultationId=` and
 * `POST /api/invitations/<id>/revoke`, for the consultation's facilitators and co-facilitators. A batch
 * of 5,000 labels is larger than the door's bodies, so this router reads its own.
 */
import express from "express";
import { CreateInvitationsBody, type RevokedInvitation } from "../../shared/protocol/http-api.ts";
import {
  checkManager,
  createInvitations,
  type InvitationRevocation,
  listInvitations,
  storeRevocation,
} from "../consultations/invitations.ts";
import { callHall } from "../rooms/hall-calls.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { ApiError } from "./api-error.ts";
import { parse, sessionOf } from "./api-routes.ts";

export interface InvitationRouteDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly now: () => number;
}

export const INVITATIONS_ROUTE = "/api/invitations";
/** 5,000 labels of up to 80 characters, with room for JSON and non-Latin scripts. */
const BATCH_LIMIT = "1mb";

export function invitationRoutes(deps: InvitationRouteDeps): express.Router {
  const router = express.Router();
  router.post(INVITATIONS_ROUTE, express.json({ limit: BATCH_LIMIT }), async (req, res) => {
    const session = await sessionOf(deps, req);
    const body = parse(CreateInvitationsBody, req.body);
    checkManager(session, body.consultationId);
    res.status(201).json(await createInvitations(deps.store, body, deps.now()));
  });
  router.get(INVITATIONS_ROUTE, async (req, res) => {
    const session = await sessionOf(deps, req);
    const consultationId = req.query.consultationId;
    if (typeof consultationId !== "string")
      throw new ApiError(400, "invalid_request", "Name the consultation: ?consultationId=<id>.");
    checkManager(session, consultationId);
    res.json(await listInvitations(deps.store, consultationId));
  });
  router.post(`${INVITATIONS_ROUTE}/:id/revoke`, async (req, res) => {
    const session = await sessionOf(deps, req);
    checkManager(session, session.consultationId);
    const change: InvitationRevocation = {
      consultationId: session.consultationId,
      invitationId: String(req.params.id),
      actorId: session.participantId,
      at: deps.now(),
    };
    // The open room stores it in its command order and closes the holder's connections; without a room
    // nobody is connected, and the stored status keeps the holder out of the next one.
    const inRoom = await callHall(session.consultationId, "revokeInvitation", change);
    if (inRoom === undefined) await deps.store.transaction((tx) => storeRevocation(tx, change));
    const body: RevokedInvitation = { id: change.invitationId, state: "revoked" };
    res.json(body);
  });
  return router;
}
