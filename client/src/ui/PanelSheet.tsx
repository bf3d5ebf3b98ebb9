import * as Tabs from "@radix-ui/react-tabs";
import {
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  useCallback,
  useId,
  useReducer,
  useRef,
  useState,
} from "react";
import { useT } from "../app/i18n.tsx";
import { selectActivePoll, useConsultation } from "../net/consultation-store.ts";
import { ChatBody, useChatHeading } from "./chat/ChatPanel.tsx";
import { ConsultationBody } from "./consultation/ConsultationPanel.tsx";
import type { OverlaySection } from "./overlay-sections.ts";
import { ParticipantRows, useParticipantsHeading } from "./ParticipantList.tsx";
import { INITIAL_SHEET, nextSheet, type SheetSnap } from "./panel-sheet.ts";
import { usePollOpened } from "./use-poll-opened.ts";

/** The half-open sheet's panel height, as a share of the screen (the style sheet's `--sheet-half`). */
const HALF_SHARE = 0.32;
/** A press that moves less than this is a tap on the handle, not a drag. */
const DRAG_SLOP_PX = 6;

const HANDLE_LABEL: Record<SheetSnap, "sheet.raise" | "sheet.enlarge" | "sheet.fold"> = {
  folded: "sheet.raise",
  half: "sheet.enlarge",
  full: "sheet.fold",
};

interface Drag {
  readonly pointerId: number;
  readonly startY: number;
  readonly startHeight: number;
  readonly heights: Readonly<Record<SheetSnap, number>>;
  moved: boolean;
}

/**
 * On a phone, the overlay's panels as one bottom sheet above the bottom bar: tabs for the people
 * present, the consultation and the chat, and a handle that is pulled up or down with a finger, pressed
 * (up a step, from the top back to folded) or moved with the arrow keys. It is laid out by the style
 * sheet at three heights; a drag only sets the height in between.
 */
export function PanelSheet() {
  const t = useT();
  const id = useId();
  const [sheet, dispatch] = useReducer(nextSheet, INITIAL_SHEET);
  const [dragHeight, setDragHeight] = useState<number | null>(null);
  const section = useRef<HTMLElement>(null);
  const panels = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const pollOpen = useConsultation((state) => selectActivePoll(state)?.status === "open");
  const people = useParticipantsHeading();
  const chat = useChatHeading();
  usePollOpened(useCallback(() => dispatch({ kind: "poll-opened" }), []));

  const choose = (tab: OverlaySection) => dispatch({ kind: "tab", tab });

  const startDrag = (event: PointerEvent<HTMLButtonElement>) => {
    const sheetBox = section.current?.getBoundingClientRect();
    if (!sheetBox) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const startHeight = panels.current?.checkVisibility() ? panels.current.getBoundingClientRect().height : 0;
    // Full, the panels take what is free between the top bar and the sheet.
    const above = section.current?.previousElementSibling?.getBoundingClientRect().bottom ?? 0;
    drag.current = {
      pointerId: event.pointerId,
      startY: event.clientY,
      startHeight,
      heights: {
        folded: 0,
        half: window.innerHeight * HALF_SHARE,
        full: startHeight + Math.max(0, sheetBox.top - above),
      },
      moved: false,
    };
  };
  const followDrag = (event: PointerEvent<HTMLButtonElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const pulled = current.startY - event.clientY;
    if (Math.abs(pulled) >= DRAG_SLOP_PX) current.moved = true;
    if (current.moved)
      setDragHeight(Math.min(current.heights.full, Math.max(0, current.startHeight + pulled)));
  };
  const endDrag = (event: PointerEvent<HTMLButtonElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    if (current.moved) {
      const height = Math.min(
        current.heights.full,
        Math.max(0, current.startHeight + current.startY - event.clientY),
      );
      dispatch({ kind: "drop", height, heights: current.heights });
    }
    setDragHeight(null);
    // A drag ends with a click on the handle: the click must not move the sheet again.
    if (!current.moved) drag.current = null;
  };
  const press = (event: MouseEvent<HTMLButtonElement>) => {
    // A click from the keyboard (detail 0) is never the end of a drag.
    const dragged = event.detail !== 0 && (drag.current?.moved ?? false);
    drag.current = null;
    if (!dragged) dispatch({ kind: "cycle" });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    // The arrows would otherwise walk the avatar too.
    event.stopPropagation();
    dispatch({ kind: event.key === "ArrowUp" ? "raise" : "lower" });
  };

  const tabs: readonly (readonly [OverlaySection, string])[] = [
    ["people", people],
    ["consultation", t(pollOpen ? "sheet.pollOpen" : "sheet.consultation")],
    ["chat", chat],
  ];
  return (
    <section
      ref={section}
      className="panel panel-sheet"
      aria-label={t("sheet.label")}
      data-testid="panel-sheet"
      data-snap={sheet.snap}
      data-dragging={dragHeight !== null || undefined}
    >
      <button
        type="button"
        className="panel-sheet__handle"
        data-testid="sheet-handle"
        aria-expanded={sheet.snap !== "folded"}
        aria-controls={`${id}-panels`}
        aria-keyshortcuts="ArrowUp ArrowDown"
        onClick={press}
        onKeyDown={onKeyDown}
        onPointerDown={startDrag}
        onPointerMove={followDrag}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <span className="panel-sheet__grip" aria-hidden="true" />
        <span className="visually-hidden">{t(HANDLE_LABEL[sheet.snap])}</span>
      </button>
      <Tabs.Root
        className="panel-sheet__body"
        value={sheet.tab}
        onValueChange={(value) => choose(value as OverlaySection)}
      >
        <Tabs.List className="panel-sheet__tabs" aria-label={t("sheet.label")}>
          {tabs.map(([tab, label]) => (
            <Tabs.Trigger
              key={tab}
              value={tab}
              className="panel-sheet__tab"
              data-testid={`sheet-tab-${tab}`}
              onClick={() => choose(tab)}
            >
              {label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <div
          ref={panels}
          id={`${id}-panels`}
          className="panel-sheet__panels"
          hidden={sheet.snap === "folded" && dragHeight === null}
          style={dragHeight === null ? undefined : { height: dragHeight }}
        >
          <Tabs.Content value="people" forceMount className="panel-sheet__panel">
            <ParticipantRows />
          </Tabs.Content>
          <Tabs.Content value="consultation" forceMount className="panel-sheet__panel">
            <ConsultationBody />
          </Tabs.Content>
          <Tabs.Content value="chat" forceMount className="panel-sheet__panel">
            <ChatBody />
          </Tabs.Content>
        </div>
      </Tabs.Root>
    </section>
  );
}
