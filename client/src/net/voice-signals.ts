/**
 * Peer-to-peer voice signalling as it arrives from the room. Offers can come in before the voice
 * transport has started, so the latest few are kept until someone listens.
 */
import type { RelayedSignal } from "../../../shared/protocol/room-messages.ts";

type SignalListener = (signal: RelayedSignal) => void;

const HELD_SIGNALS = 200;
const held: RelayedSignal[] = [];
let listener: SignalListener | null = null;

/** Called by the room connection for every relayed `signal`. */
export function deliverSignal(signal: RelayedSignal): void {
  if (listener) listener(signal);
  else if (held.push(signal) > HELD_SIGNALS) held.shift();
}

/** The one consumer (the mesh transport); receives what was held first. Returns the function that stops. */
export function listenToSignals(next: SignalListener): () => void {
  listener = next;
  for (const signal of held.splice(0)) next(signal);
  return () => {
    if (listener === next) listener = null;
  };
}

/** A new room connection starts with nothing held. */
export function forgetSignals(): void {
  held.length = 0;
}
