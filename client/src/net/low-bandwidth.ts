/**
 * Low-bandwidth mode, a choice kept on this device: other people's hands are not drawn, voices use
 * less data (see `voice/voice-quality.ts`), and the room is told, so that it sends the full pose of
 * only a few people (the floor holder and table mates first) and everyone else as a coarse head.
 */
import { create } from "zustand";
import { sendToRoom } from "./hall-connection.ts";
import { useHallStore } from "./hall-store.ts";

const STORAGE_KEY = "plenum.lowBandwidth";

function load(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "on";
  } catch {
    return false;
  }
}

export const useLowBandwidth = create<{ readonly on: boolean }>()(() => ({ on: load() }));

function tellRoom(): void {
  sendToRoom("low_bandwidth", { on: useLowBandwidth.getState().on });
}

// A join or rejoin is a connection the room knows nothing about; after the SDK's reconnect the room
// still knows, and hearing it again costs one small message.
useHallStore.subscribe((state, previous) => {
  if (state.status === "connected" && previous.status !== "connected") tellRoom();
});

export function setLowBandwidth(on: boolean): void {
  useLowBandwidth.setState({ on });
  tellRoom();
  try {
    localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  } catch {
    // Without storage the choice lasts for this visit.
  }
}
