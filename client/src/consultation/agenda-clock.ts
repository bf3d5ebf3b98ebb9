/** The current agenda item's timer: time spent so far against the planned minutes. */

export interface AgendaClock {
  readonly elapsedMs: number;
  /** Planned time left; negative once the item runs over. */
  readonly remainingMs: number;
  readonly over: boolean;
}

/**
 * `spentMs` is the time spent before the running stretch, `startedAt` when the item became current
 * (server epoch ms, 0 when no item runs).
 */
export function agendaClock(
  plannedMinutes: number,
  spentMs: number,
  startedAt: number,
  now: number,
): AgendaClock {
  const elapsedMs = spentMs + (startedAt > 0 ? Math.max(0, now - startedAt) : 0);
  const remainingMs = plannedMinutes * 60_000 - elapsedMs;
  return { elapsedMs, remainingMs, over: remainingMs < 0 };
}
