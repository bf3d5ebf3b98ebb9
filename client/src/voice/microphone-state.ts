/**
 * The local microphone as the person sees it: muted or not, which device, whether the browser lets us
 * use it. Everyone starts muted (no hidden open mic). The voice transports follow this store. It knows
 * nothing of the room, so the door's microphone check loads no room code; muting through the room is in
 * net/participant-actions.ts.
 */
import { create } from "zustand";
import { TEST_MODE } from "../app/test-mode.ts";

/** `denied`: the person or the browser refused; `unavailable`: no microphone, or no secure context. */
export type MicrophonePermission = "unknown" | "granted" | "denied" | "unavailable";

export interface MicrophoneDevice {
  readonly deviceId: string;
  readonly label: string;
}

export interface MicrophoneState {
  readonly muted: boolean;
  readonly permission: MicrophonePermission;
  /** The chosen input, "" for the system default. */
  readonly deviceId: string;
  readonly devices: readonly MicrophoneDevice[];
  /** The captured microphone, shared by the level meter and the voice transport; null until opened. */
  readonly track: MediaStreamTrack | null;
  /** Chosen in the lobby: stay muted on entering (the default) or speak at once when allowed. */
  readonly joinMuted: boolean;
}

const DEVICE_KEY = "plenum.microphone";

function savedDeviceId(): string {
  try {
    return localStorage.getItem(DEVICE_KEY) ?? "";
  } catch {
    return "";
  }
}

export const useMicrophone = create<MicrophoneState>()(() => ({
  muted: true,
  permission: "unknown",
  deviceId: savedDeviceId(),
  devices: [],
  track: null,
  joinMuted: true,
}));

/** The room muted us (a facilitator, the end of our floor time): follow it without telling it back. */
export function followRoomMute(): void {
  if (!useMicrophone.getState().muted) useMicrophone.setState({ muted: true });
}

export function setJoinMuted(joinMuted: boolean): void {
  useMicrophone.setState({ joinMuted });
}

/** What to ask the browser for; tests turn the voice processing off so that levels stay measurable. */
function constraints(deviceId: string): MediaStreamConstraints {
  const processing = !TEST_MODE;
  return {
    audio: {
      deviceId: deviceId ? { exact: deviceId } : undefined,
      echoCancellation: processing,
      noiseSuppression: processing,
      autoGainControl: processing,
      channelCount: 1,
    },
    video: false,
  };
}

async function refreshDevices(): Promise<void> {
  try {
    const all = await navigator.mediaDevices.enumerateDevices();
    const devices = all
      .filter((device) => device.kind === "audioinput")
      .map((device, index) => ({
        deviceId: device.deviceId,
        label: device.label || `Microphone ${index + 1}`,
      }));
    useMicrophone.setState({ devices });
  } catch {
    // Listing devices is a convenience; the default microphone still works.
  }
}

let opening: Promise<MediaStreamTrack | null> | null = null;

/**
 * Opens the chosen microphone (asking permission the first time) and keeps its track in the store;
 * resolves with the track, or null when it is refused or missing. Reuses an open track of that device.
 */
export function openMicrophone(
  deviceId = useMicrophone.getState().deviceId,
): Promise<MediaStreamTrack | null> {
  const state = useMicrophone.getState();
  if (state.track && state.track.readyState === "live" && state.deviceId === deviceId) {
    return Promise.resolve(state.track);
  }
  if (opening) return opening;
  opening = (async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      useMicrophone.setState({ permission: "unavailable" });
      return null;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints(deviceId));
      const track = stream.getAudioTracks()[0] ?? null;
      const previous = useMicrophone.getState().track;
      if (previous && previous !== track) previous.stop();
      useMicrophone.setState({ track, permission: track ? "granted" : "unavailable", deviceId });
      void refreshDevices();
      return track;
    } catch (error) {
      const name = (error as { name?: string }).name ?? "";
      const denied = name === "NotAllowedError" || name === "SecurityError";
      useMicrophone.setState({ permission: denied ? "denied" : "unavailable" });
      return null;
    } finally {
      opening = null;
    }
  })();
  return opening;
}

/** Switches to another input device (remembered for next time). */
export async function chooseMicrophone(deviceId: string): Promise<void> {
  try {
    localStorage.setItem(DEVICE_KEY, deviceId);
  } catch {
    // Remembering the device is a convenience.
  }
  useMicrophone.setState({ deviceId });
  await openMicrophone(deviceId);
}

/** Stops capturing (leaving the hall); the choices stay. */
export function closeMicrophone(): void {
  useMicrophone.getState().track?.stop();
  useMicrophone.setState({ track: null, muted: true });
}
