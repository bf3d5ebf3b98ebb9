import { useEffect } from "react";
import { useT } from "../app/i18n.tsx";
import { floorClock, formatCountdown, queuePlace } from "../facilitation/floor-clock.ts";
import { useFacilitation } from "../net/facilitation-store.ts";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { lowerHand, raiseHand } from "../net/participant-actions.ts";
import { useNow } from "./use-now.ts";

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/** H raises or lowers one's hand, outside text fields. */
function useHandShortcut(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "h" || event.repeat || event.ctrlKey || event.metaKey || event.altKey)
        return;
      if (isTyping(event.target)) return;
      const self = selectSelf(useHallStore.getState());
      if (!self) return;
      if (self.handRaised) lowerHand();
      else raiseHand();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}

/** Who has the floor and for how long, one's place in the queue, and notices about one's right to speak. */
export function SpeakingStatus() {
  const t = useT();
  const floor = useFacilitation((state) => state.floor);
  const queue = useFacilitation((state) => state.queue);
  const notices = useFacilitation((state) => state.notices);
  const selfId = useHallStore((state) => state.selfId);
  const self = useHallStore(selectSelf);
  const holderName = useHallStore(
    (state) => state.participants.find((participant) => participant.id === floor.holderId)?.name ?? "",
  );
  const now = useNow(floor.endsAt > 0);
  const clock = floorClock(floor, now);
  const place = queuePlace(queue, selfId);
  useHandShortcut(self !== undefined && self.role !== "observer");

  const mine = floor.holderId !== "" && floor.holderId === selfId;
  return (
    <div className="speaking-status">
      <div className={`panel floor-status${mine ? " floor-status--mine" : ""}`} data-testid="floor-status">
        <p className="floor-status__who">
          {floor.holderId === ""
            ? t("floor.free")
            : mine
              ? t("floor.you")
              : t("floor.speaker", { name: holderName })}
        </p>
        {clock.phase === "counting" && (
          <p className="floor-status__time" data-testid="floor-countdown">
            {t("floor.remaining", { time: formatCountdown(clock.remainingMs) })}
          </p>
        )}
        {clock.phase === "grace" && (
          <p className="floor-status__time floor-status__time--grace" data-testid="floor-countdown">
            {t("floor.grace", { time: formatCountdown(clock.remainingMs) })}
          </p>
        )}
        {place > 0 && (
          <p className="floor-status__queue" data-testid="queue-place">
            {t("queue.position", { position: place })}
          </p>
        )}
        {self && self.role !== "observer" && (
          <p className="floor-status__hint keyboard-only">{t("hand.shortcut")}</p>
        )}
        {self?.mutedByFacilitator && (
          <p className="floor-status__muted" data-testid="muted-by-facilitator">
            {t("notice.mutedByFacilitator")}
          </p>
        )}
      </div>
      <div className="notices" role="status" aria-live="polite" data-testid="speaker-notices">
        {notices.map((notice) => (
          <p key={notice.id} className="notice">
            {t(notice.key, notice.params)}
          </p>
        ))}
      </div>
    </div>
  );
}
