/**
 * Chromium's echo canceller only knows the audio that WebRTC itself plays out: voices mixed in Web
 * Audio and sent straight to the speakers reach the microphone again and everyone else hears
 * themselves (crbug.com/687574). The known way round: send the finished mix through a pair of peer
 * connections inside this page and play what comes out with an <audio> element. Other browsers cancel
 * Web Audio output already and play the mix directly.
 */

/** How the mix reaches the speakers: `direct` from Web Audio, or `loopback` through WebRTC. */
export type MixOutputPath = "direct" | "loopback";

export interface MixOutput {
  path(): MixOutputPath;
  /** The stream the speakers play when it goes through the loopback, for level checks; null while direct. */
  playedStream(): MediaStream | null;
  stop(): void;
}

/** Opus carries the mix in stereo (the panning is the point) at full quality: it never leaves the device. */
function stereo(sdp: string | undefined): string {
  return (sdp ?? "").replace(
    /useinbandfec=1/g,
    "useinbandfec=1;stereo=1;sprop-stereo=1;maxaveragebitrate=510000",
  );
}

function needsLoopback(): boolean {
  return typeof RTCPeerConnection !== "undefined" && /Chrome\//.test(navigator.userAgent);
}

/**
 * Plays `mix` on the speakers, through the echo-cancelled loopback where the browser needs it. Sound
 * goes out directly until the loopback plays, and stays direct if it cannot be set up.
 */
export function playMix(context: AudioContext, mix: AudioNode): MixOutput {
  mix.connect(context.destination);
  let path: MixOutputPath = "direct";
  let played: MediaStream | null = null;
  if (!needsLoopback()) {
    return { path: () => path, playedStream: () => null, stop: () => mix.disconnect() };
  }
  const destination = context.createMediaStreamDestination();
  destination.channelCount = 2;
  mix.connect(destination);
  const sender = new RTCPeerConnection({ iceServers: [] });
  const receiver = new RTCPeerConnection({ iceServers: [] });
  const speaker = new Audio();
  let stopped = false;

  sender.onicecandidate = ({ candidate }) => {
    if (candidate) void receiver.addIceCandidate(candidate).catch(() => undefined);
  };
  receiver.onicecandidate = ({ candidate }) => {
    if (candidate) void sender.addIceCandidate(candidate).catch(() => undefined);
  };
  receiver.ontrack = ({ track, streams }) => {
    const stream = streams[0] ?? new MediaStream([track]);
    speaker.srcObject = stream;
    speaker
      .play()
      .then(() => {
        if (stopped) return;
        // From here the speakers hear the loopback only; the direct path would double every voice.
        mix.disconnect(context.destination);
        path = "loopback";
        played = stream;
      })
      .catch(() => undefined);
  };
  for (const track of destination.stream.getAudioTracks()) sender.addTrack(track, destination.stream);

  void (async () => {
    try {
      const offer = await sender.createOffer();
      await sender.setLocalDescription({ type: "offer", sdp: stereo(offer.sdp) });
      await receiver.setRemoteDescription({ type: "offer", sdp: stereo(offer.sdp) });
      const answer = await receiver.createAnswer();
      await receiver.setLocalDescription({ type: "answer", sdp: stereo(answer.sdp) });
      await sender.setRemoteDescription({ type: "answer", sdp: stereo(answer.sdp) });
    } catch (error) {
      // Without the loopback the voices still play, only without the echo canceller's help.
      console.warn("Voice output plays without echo cancellation:", error);
    }
  })();

  return {
    path: () => path,
    playedStream: () => played,
    stop() {
      stopped = true;
      speaker.pause();
      speaker.srcObject = null;
      sender.close();
      receiver.close();
      mix.disconnect();
      path = "direct";
      played = null;
    },
  };
}
