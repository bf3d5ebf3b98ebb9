/**
 * What a participant can do from any device. The flat overlay, the keyboard and the in-VR hand menu
 * all call these, so every device sends the same room messages.
 */
import { sendToRoom } from "./hall-connection.ts";

export function raiseHand(): void {
  sendToRoom("raise_hand", {});
}

export function lowerHand(): void {
  sendToRoom("lower_hand", {});
}

export { setMicrophoneMuted, toggleMicrophone } from "../voice/microphone-state.ts";
