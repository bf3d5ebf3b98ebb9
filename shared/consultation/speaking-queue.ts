/** The speaking queue: hands raised, ordered by the moment each hand went up. */

export interface RaisedHand {
  readonly participantId: string;
  /** Server time (epoch ms) when the hand went up. */
  readonly raisedAt: number;
}

export type SpeakingQueue = readonly RaisedHand[];

/** Puts a hand up; raising it again keeps its original place. */
export function raiseHand(queue: SpeakingQueue, participantId: string, now: number): SpeakingQueue {
  if (isInQueue(queue, participantId)) return queue;
  return orderQueue([...queue, { participantId, raisedAt: now }]);
}

/** Takes a hand down; lowering a hand that is not up changes nothing. */
export function lowerHand(queue: SpeakingQueue, participantId: string): SpeakingQueue {
  return isInQueue(queue, participantId)
    ? queue.filter((hand) => hand.participantId !== participantId)
    : queue;
}

export function isInQueue(queue: SpeakingQueue, participantId: string): boolean {
  return queue.some((hand) => hand.participantId === participantId);
}

/** Earliest hand first; equal times keep their order of arrival. */
export function orderQueue(queue: SpeakingQueue): SpeakingQueue {
  return [...queue].sort((a, b) => a.raisedAt - b.raisedAt);
}

export function nextInLine(queue: SpeakingQueue): string | undefined {
  return orderQueue(queue)[0]?.participantId;
}

/** The participant ids in speaking order, as the room shows them. */
export function queueOrder(queue: SpeakingQueue): string[] {
  return orderQueue(queue).map((hand) => hand.participantId);
}
