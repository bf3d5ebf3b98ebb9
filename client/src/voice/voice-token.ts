/** Asks the server how this participant connects voice: a LiveKit token, or peer-to-peer. */
import type { VoiceTokenResponse } from "../../../shared/protocol/http-api.ts";

export async function requestVoiceToken(sessionToken: string): Promise<VoiceTokenResponse> {
  const response = await fetch("/api/voice-token", {
    method: "POST",
    headers: { Authorization: `Bearer ${sessionToken}`, "Content-Type": "application/json" },
    body: "{}",
  });
  if (!response.ok) throw new Error(`voice token refused: ${response.status}`);
  return (await response.json()) as VoiceTokenResponse;
}
