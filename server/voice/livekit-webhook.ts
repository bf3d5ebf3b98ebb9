/**
 * LiveKit's webhook: whenever someone connects to a consultation's voice room (again), the room's last
 * word on them is applied. A voice token carries the right to speak as it was when it was minted, and
 * LiveKit forgets every later decision when it restarts, so without this a muted person could speak
 * again by reconnecting with an earlier token, or once LiveKit came back.
 */
import express, { type Router } from "express";
import { WebhookReceiver } from "livekit-server-sdk";
import type { LiveKitSettings } from "../config.ts";
import { ApiError } from "../http/api-error.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import { callHall } from "../rooms/hall-calls.ts";
import type { VoiceModeration } from "./voice-moderation.ts";

export const LIVEKIT_WEBHOOK_ROUTE = "/api/livekit-webhook";
/** LiveKit posts its events as JSON under this media type. */
export const LIVEKIT_WEBHOOK_MEDIA_TYPE = "application/webhook+json";

export function liveKitWebhookRoutes(liveKit: LiveKitSettings | undefined, voice: VoiceModeration): Router {
  const router = express.Router();
  const receiver = liveKit && new WebhookReceiver(liveKit.apiKey, liveKit.apiSecret);
  router.post(
    LIVEKIT_WEBHOOK_ROUTE,
    express.raw({ type: LIVEKIT_WEBHOOK_MEDIA_TYPE, limit: "64kb" }),
    async (req, res) => {
      if (!receiver) throw new ApiError(404, "not_found", "Voice does not go through LiveKit here.");
      const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      const event = await receiver.receive(body, req.get("authorization")).catch(() => {
        throw new ApiError(401, "not_allowed", "The webhook is not signed with this server's LiveKit key.");
      });
      const consultationId = event.room?.name;
      const participantId = event.participant?.identity;
      if (event.event === "participant_joined" && consultationId && participantId) {
        await enforceOnJoin(voice, consultationId, participantId).catch((error: unknown) => {
          serverLog.error("Voice enforcement failed:", error);
        });
      }
      res.json({});
    },
  );
  return router;
}

/** The hall applies its decision; someone with no hall open to be in has no business in its voice. */
async function enforceOnJoin(voice: VoiceModeration, consultationId: string, participantId: string) {
  const hallOpen = await callHall(consultationId, "voiceJoined", participantId);
  if (hallOpen === undefined) await voice.remove(consultationId, participantId);
}
