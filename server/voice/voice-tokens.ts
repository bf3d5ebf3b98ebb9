/**
 * Voice credentials: a LiveKit token with the least privilege the role needs, or word that voice runs
 * peer to peer when no LiveKit server is configured.
 */
import { AccessToken, TrackSource, type VideoGrant } from "livekit-server-sdk";
import type { VoiceTokenResponse } from "../../shared/protocol/http-api.ts";
import type { Role } from "../../shared/protocol/roles.ts";
import type { SessionClaims } from "../auth/session-token.ts";
import type { LiveKitSettings } from "../config.ts";

/** Long enough to connect and reconnect during a session; LiveKit refreshes a connected participant's token itself. */
export const VOICE_TOKEN_TTL_SECONDS = 2 * 60 * 60;

/**
 * The LiveKit room is the consultation; only the microphone may be published, and only by those who may
 * speak: observers never, others as the room last decided (`canSpeak`, see VoiceModeration), or by role
 * before the room has decided anything.
 */
export function voiceGrantFor(role: Role, consultationId: string, canSpeak?: boolean): VideoGrant {
  const speaks = role !== "observer" && canSpeak !== false;
  return {
    room: consultationId,
    roomJoin: true,
    canSubscribe: true,
    canPublish: speaks,
    canPublishSources: speaks ? [TrackSource.MICROPHONE] : [],
    canPublishData: false,
    canUpdateOwnMetadata: false,
    roomAdmin: false,
  };
}

export interface VoiceSettings {
  readonly liveKit: LiveKitSettings | undefined;
  readonly meshStunUrls: readonly string[];
}

export async function voiceCredentials(
  { liveKit, meshStunUrls }: VoiceSettings,
  claims: SessionClaims,
  nowSeconds: number,
  canSpeak?: boolean,
): Promise<VoiceTokenResponse> {
  if (!liveKit)
    return { mode: "mesh", iceServers: meshStunUrls.length > 0 ? [{ urls: [...meshStunUrls] }] : [] };
  const ttl = Math.max(60, Math.min(VOICE_TOKEN_TTL_SECONDS, claims.expiresAt - nowSeconds));
  const token = new AccessToken(liveKit.apiKey, liveKit.apiSecret, { identity: claims.participantId, ttl });
  token.addGrant(voiceGrantFor(claims.role, claims.consultationId, canSpeak));
  return { mode: "livekit", url: liveKit.url, token: await token.toJwt() };
}
