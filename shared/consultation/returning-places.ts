/**
 * Where people were in the hall when the process stopped: their seats and raised hands. A dropped
 * connection keeps both for the reconnection grace; a restart would lose them, so the room stores them
 * as it stops and gives each person theirs back on coming in again, once, within a few minutes. A hand
 * keeps the moment it went up, so the queue comes back in its old order, ahead of hands raised since.
 */
import { isInQueue, orderQueue, type RaisedHand, type SpeakingQueue } from "./speaking-queue.ts";

/** Longer than any restart takes; a hall reopened later starts afresh. */
export const PLACES_KEPT_MS = 10 * 60_000;

export interface HallPlaces {
  readonly savedAt: number;
  readonly hands: readonly RaisedHand[];
  /** Seat per participant id, for those seated. */
  readonly seats: Readonly<Record<string, number>>;
}

export const NO_PLACES: HallPlaces = { savedAt: 0, hands: [], seats: {} };

export function placesOf(
  participants: Iterable<{ readonly id: string; readonly seat: number }>,
  queue: SpeakingQueue,
  now: number,
): HallPlaces {
  const seats: Record<string, number> = {};
  for (const participant of participants) if (participant.seat >= 0) seats[participant.id] = participant.seat;
  return { savedAt: now, hands: [...queue], seats };
}

function isRaisedHand(value: unknown): value is RaisedHand {
  const hand = value as RaisedHand;
  return typeof hand?.participantId === "string" && Number.isFinite(hand.raisedAt);
}

/** The stored document if it has the expected shape, else nothing to give back. */
export function readPlaces(stored: unknown): HallPlaces {
  const places = stored as HallPlaces | undefined;
  if (!places || !Number.isFinite(places.savedAt) || !Array.isArray(places.hands)) return NO_PLACES;
  if (typeof places.seats !== "object" || places.seats === null) return NO_PLACES;
  const seats: Record<string, number> = {};
  for (const [id, seat] of Object.entries(places.seats))
    if (Number.isInteger(seat) && seat >= 0) seats[id] = seat;
  return { savedAt: places.savedAt, hands: places.hands.filter(isRaisedHand), seats };
}

export interface ReturningPlace {
  readonly seat?: number;
  readonly hand?: RaisedHand;
  /** What is left for the others: a place is given back once. */
  readonly rest: HallPlaces;
}

/** What `participantId` gets back on coming in at `now`. */
export function takePlaces(places: HallPlaces, participantId: string, now: number): ReturningPlace {
  if (now - places.savedAt > PLACES_KEPT_MS) return { rest: NO_PLACES };
  const seat = places.seats[participantId];
  const hand = places.hands.find((raised) => raised.participantId === participantId);
  if (seat === undefined && !hand) return { rest: places };
  const { [participantId]: _taken, ...seats } = places.seats;
  const hands = places.hands.filter((raised) => raised.participantId !== participantId);
  return { seat, hand, rest: { savedAt: places.savedAt, hands, seats } };
}

/** The queue with a returning hand back at its old moment. */
export function returnHand(queue: SpeakingQueue, hand: RaisedHand): SpeakingQueue {
  return isInQueue(queue, hand.participantId) ? queue : orderQueue([...queue, hand]);
}
