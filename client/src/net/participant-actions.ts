/**
 * What a participant can do from any device. The flat overlay, the keyboard and the in-VR hand menu
 * all call these, so every device sends the same room messages.
 */
import type { Language } from "../../../shared/protocol/roles.ts";
import { useMicrophone } from "../voice/microphone-state.ts";
import { currentRoom, sendToRoom } from "./hall-connection.ts";
import { useHallStore } from "./hall-store.ts";

export function raiseHand(): void {
  sendToRoom("raise_hand", {});
}

export function lowerHand(): void {
  sendToRoom("lower_hand", {});
}

/** Whether the room currently lets this participant speak; true before the room has said anything. */
function roomLetsMeSpeak(): boolean {
  const self = currentRoom()?.state.participants?.get(useHallStore.getState().selfId);
  return self?.canSpeak ?? true;
}

export function setMicrophoneMuted(muted: boolean): void {
  // The room refuses an unmute from someone who may not speak and says why; the button stays muted.
  if (muted || roomLetsMeSpeak()) useMicrophone.setState({ muted });
  sendToRoom("mute", { muted });
}

export function toggleMicrophone(): void {
  setMicrophoneMuted(!useMicrophone.getState().muted);
}

/** An interpreter's switch: the language of their pair they speak into. */
export function interpretInto(language: Language): void {
  sendToRoom("interpret_into", { language });
}

/** An interpreter goes live in their channel (taking over) or off the air. */
export function setInterpreterLive(live: boolean): void {
  sendToRoom("interpreter_live", { live });
}
