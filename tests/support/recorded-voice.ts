/** Voice enforcement recorded instead of sent to LiveKit: each call as `participantId:speak|silent|removed`. */
import type { VoiceModeration } from "../../server/voice/voice-moderation.ts";

export function recordedVoice(): { calls: string[]; voice: VoiceModeration } {
  const calls: string[] = [];
  const voice: VoiceModeration = {
    async setCanSpeak(_consultationId, participantId, canSpeak) {
      calls.push(`${participantId}:${canSpeak ? "speak" : "silent"}`);
    },
    async remove(_consultationId, participantId) {
      calls.push(`${participantId}:removed`);
    },
    decision: () => undefined,
    forget: () => undefined,
  };
  return { calls, voice };
}
