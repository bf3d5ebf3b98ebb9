/**
 * How much data our voice may use. Standard quality is LiveKit's default for a microphone;
 * low-bandwidth mode sends at telephone quality, without redundant packets.
 */

export interface VoiceQuality {
  /** Ceiling on our microphone's encoding, in bits per second. */
  readonly sendBitrate: number;
  /** Redundant audio (RED) repeats each packet: steadier on lossy links, about twice the data. */
  readonly redundancy: boolean;
}

export const STANDARD_VOICE: VoiceQuality = { sendBitrate: 48_000, redundancy: true };
export const LOW_BANDWIDTH_VOICE: VoiceQuality = { sendBitrate: 12_000, redundancy: false };

export function voiceQuality(lowBandwidth: boolean): VoiceQuality {
  return lowBandwidth ? LOW_BANDWIDTH_VOICE : STANDARD_VOICE;
}

/** Puts the ceiling on an audio sender's encoding; a sender not negotiated yet is left for later. */
export async function limitSender(sender: RTCRtpSender, bitrate: number): Promise<void> {
  const parameters = sender.getParameters();
  const [encoding] = parameters.encodings;
  if (!encoding || encoding.maxBitrate === bitrate) return;
  encoding.maxBitrate = bitrate;
  await sender.setParameters(parameters);
}
