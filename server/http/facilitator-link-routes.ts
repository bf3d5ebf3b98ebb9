/**
 * Replacing the facilitator link: a link that leaked (forwarded, shown on a projector) would let anyone
 * in as facilitator, so the lead facilitator can swap it for a new one. The old link stops opening the
 * consultation at once, and every session that came in through it, except the lead's, ends at once:
 * its connections close with a clear reason and its token opens nothing any more. The swap is audited.
 */
import express from "express";
import type { FacilitatorKeyResponse } from "../../shared/protocol/http-api.ts";
import { hashSecret, newFacilitatorKey } from "../auth/secrets.ts";
import { type LinkReplacement, storeLinkReplacement } from "../consultations/facilitator-link.ts";
import { callHall } from "../rooms/hall-calls.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { ApiError } from "./api-error.ts";
import { sessionOf } from "./api-routes.ts";

export interface FacilitatorLinkDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly now: () => number;
}

export const FACILITATOR_KEY_ROUTE = "/api/facilitator-key";

export function facilitatorLinkRoutes(deps: FacilitatorLinkDeps): express.Router {
  const router = express.Router();
  router.post(FACILITATOR_KEY_ROUTE, async (req, res) => {
    const session = await sessionOf(deps, req);
    const consultation = await deps.store.findConsultation(session.consultationId);
    // The lead is the first who came through the link; whoever came through it later may not replace it.
    if (session.role !== "facilitator" || consultation?.leadParticipantId !== session.participantId)
      throw new ApiError(403, "not_allowed", "Only the lead facilitator can replace the facilitator link.");
    const facilitatorKey = newFacilitatorKey();
    const change: LinkReplacement = {
      consultationId: session.consultationId,
      leadId: session.participantId,
      keyHash: hashSecret(facilitatorKey),
      at: deps.now(),
    };
    // The open room stores it in its command order and closes the ended sessions' connections; without a
    // room, nobody is connected, and the stored statuses keep them out of the next one.
    const ended = await callHall(session.consultationId, "replaceFacilitatorLink", change);
    if (ended === undefined) await deps.store.transaction((tx) => storeLinkReplacement(tx, change));
    const body: FacilitatorKeyResponse = { facilitatorKey };
    res.status(201).json(body);
  });
  return router;
}
