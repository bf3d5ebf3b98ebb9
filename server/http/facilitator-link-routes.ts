/**
 * Replacing the facilitator link: a link that leaked (forwarded, shown on a projector) would let anyone
 * in as facilitator, so the lead facilitator can swap it for a new one. The old link stops opening the
 * consultation at once; sessions already open keep going. The swap is audited.
 */
import express from "express";
import { can } from "../../shared/consultation/permissions.ts";
import type { FacilitatorKeyResponse } from "../../shared/protocol/http-api.ts";
import { hashSecret, newFacilitatorKey } from "../auth/secrets.ts";
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
    if (!can(session.role, "rotate_facilitator_link"))
      throw new ApiError(403, "not_allowed", "Only the facilitator can replace the facilitator link.");
    const facilitatorKey = newFacilitatorKey();
    // The new link and its audit entry last together or not at all.
    await deps.store.transaction(async (tx) => {
      await tx.setFacilitatorKeyHash(session.consultationId, hashSecret(facilitatorKey));
      await tx.appendAudit({
        consultationId: session.consultationId,
        at: deps.now(),
        actorId: session.participantId,
        action: "rotate_facilitator_link",
        targetId: undefined,
        reason: undefined,
        detail: undefined,
      });
    });
    const body: FacilitatorKeyResponse = { facilitatorKey };
    res.status(201).json(body);
  });
  return router;
}
