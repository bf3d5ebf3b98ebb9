import { useFrame } from "@react-three/fiber";
import { Container } from "@react-three/uikit";
import { useEffect, useRef, useState } from "react";
import type { Group } from "three";
import { isClosed } from "../../../shared/consultation/closing.ts";
import { can } from "../../../shared/consultation/permissions.ts";
import { useT } from "../app/i18n.tsx";
import { roomControls } from "../facilitation/console-controls.ts";
import { selectActivePoll, useConsultation } from "../net/consultation-store.ts";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { setLowBandwidth, useLowBandwidth } from "../net/low-bandwidth.ts";
import { lowerHand, raiseHand, toggleMicrophone } from "../net/participant-actions.ts";
import { useMicrophone } from "../voice/microphone-state.ts";
import { ChatPage } from "./ChatPage.tsx";
import { FacilitatorPanel } from "./FacilitatorPanel.tsx";
import { IdeaPage } from "./IdeaPage.tsx";
import { MenuAgenda } from "./MenuAgenda.tsx";
import { MenuButton } from "./MenuButton.tsx";
import { PollPanel } from "./PollPanel.tsx";
import { vrFontFamilies } from "./vr-font.ts";
import { body, locomotion } from "./xr-frame.ts";
import { useXrPresence } from "./xr-presence.ts";
import { adjustSeatedLift, nextTurnMode, updateXrSettings, useXrSettings } from "./xr-settings.ts";

/** How far above the wrist or controller the menu floats, in metres. */
const LIFT = 0.16;
const PIXEL = 0.0005;

export interface HandMenuProps {
  readonly onLeave: () => void;
}

/**
 * The menu on the left wrist (palm up with tracked hands, or the X / Y button with controllers):
 * microphone, hand, the agenda item and leaving, plus comfort settings; while a poll is open, a page to
 * vote on it; pages for the chat and for posting an idea, typed on the menu's own keyboard; for
 * facilitators a page with their controls. Rays and pinches press it.
 */
export function HandMenu({ onLeave }: HandMenuProps) {
  const session = useXrPresence((state) => state.session);
  const t = useT();
  const anchor = useRef<Group>(null);
  const muted = useMicrophone((state) => state.muted);
  const handRaised = useHallStore((state) => selectSelf(state)?.handRaised ?? false);
  const selfId = useHallStore((state) => state.selfId);
  const role = useHallStore((state) => selectSelf(state)?.role ?? "");
  const settings = useXrSettings();
  const lowBandwidth = useLowBandwidth((state) => state.on);
  const phase = useConsultation((state) => state.phase);
  const facilitates = roomControls(role, phase).any;
  const poll = useConsultation(selectActivePoll);
  const pollOpen = poll?.status === "open";
  // A poll closed while its page is shown stays there (saying so) until the voter goes back.
  const pollShown = poll && poll.status !== "draft" ? poll : undefined;
  const [page, setPage] = useState<"main" | "facilitation" | "poll" | "chat" | "idea">("main");
  const showFacilitation = page === "facilitation" && facilitates;
  const showPoll = page === "poll" && !!pollShown;
  const open = !isClosed(phase);
  const chatCount = useConsultation((state) => state.chat.length);
  const mayPostIdea = open && can(role, "post_idea");

  // A new session, a role taken away, or the poll taken off the screen starts again on the first page.
  useEffect(() => {
    if (!session) setPage("main");
    else if (!facilitates) setPage((current) => (current === "facilitation" ? "main" : current));
  }, [session, facilitates]);
  const pollId = pollShown?.id ?? "";
  useEffect(() => {
    if (pollId === "") setPage((current) => (current === "poll" ? "main" : current));
  }, [pollId]);

  useFrame(() => {
    const group = anchor.current;
    if (!group) return;
    const left = body.left;
    const open = !!session && left.tracked && (locomotion.menuOpen || locomotion.palmUp);
    group.visible = open;
    if (!open) return;
    const head = body.head.position;
    group.position.set(left.position.x, left.position.y + LIFT, left.position.z);
    group.lookAt(head.x, head.y, head.z);
  });

  const turnLabel =
    settings.turn === "snap30"
      ? t("vr.turnSnap30")
      : settings.turn === "snap45"
        ? t("vr.turnSnap45")
        : t("vr.turnSmooth");

  return (
    <group ref={anchor} visible={false}>
      <Container
        pixelSize={PIXEL}
        fontFamilies={vrFontFamilies}
        width={520}
        flexDirection="column"
        padding={20}
        gap={12}
        borderRadius={20}
        backgroundColor="#1b1b1f"
        borderWidth={2}
        borderColor="#f2c14e"
      >
        {showPoll && pollShown ? (
          <>
            <PollPanel key={pollShown.id} poll={pollShown} />
            <MenuButton name="poll-back" onPress={() => setPage("main")}>
              {t("vr.back")}
            </MenuButton>
          </>
        ) : page === "chat" ? (
          <>
            <ChatPage canWrite={open && can(role, "chat")} />
            <MenuButton name="chat-back" onPress={() => setPage("main")}>
              {t("vr.back")}
            </MenuButton>
          </>
        ) : page === "idea" && mayPostIdea ? (
          <>
            <IdeaPage />
            <MenuButton name="idea-back" onPress={() => setPage("main")}>
              {t("vr.back")}
            </MenuButton>
          </>
        ) : showFacilitation ? (
          <>
            <FacilitatorPanel actor={{ id: selfId, role }} />
            <MenuButton name="facilitation-back" onPress={() => setPage("main")}>
              {t("vr.back")}
            </MenuButton>
          </>
        ) : (
          <>
            <MenuAgenda />
            {pollOpen && (
              <MenuButton name="vote" onPress={() => setPage("poll")} accent>
                {t("poll.vote")}
              </MenuButton>
            )}
            <Container flexDirection="row" gap={10}>
              <MenuButton name="microphone" onPress={toggleMicrophone} accent={!muted}>
                {muted ? t("hall.unmute") : t("hall.mute")}
              </MenuButton>
              <MenuButton name="hand" onPress={handRaised ? lowerHand : raiseHand} accent={handRaised}>
                {handRaised ? t("hall.lowerHand") : t("hall.raiseHand")}
              </MenuButton>
            </Container>
            <Container flexDirection="row" gap={10}>
              <MenuButton name="chat" onPress={() => setPage("chat")}>
                {t("vr.chat", { count: chatCount })}
              </MenuButton>
              {mayPostIdea && (
                <MenuButton name="idea" onPress={() => setPage("idea")}>
                  {t("vr.idea")}
                </MenuButton>
              )}
            </Container>
            <Container flexDirection="row" gap={10}>
              <MenuButton name="turn" onPress={() => updateXrSettings({ turn: nextTurnMode(settings.turn) })}>
                {turnLabel}
              </MenuButton>
              <MenuButton name="walk" onPress={() => updateXrSettings({ smoothWalk: !settings.smoothWalk })}>
                {settings.smoothWalk ? t("vr.walkSmooth") : t("vr.walkTeleport")}
              </MenuButton>
            </Container>
            <Container flexDirection="row" gap={10}>
              <MenuButton name="seated" onPress={() => updateXrSettings({ seated: !settings.seated })}>
                {settings.seated
                  ? t("vr.seatedOn", { lift: Math.round(settings.seatedLift * 100) })
                  : t("vr.seatedOff")}
              </MenuButton>
              {settings.seated && (
                <>
                  <MenuButton name="lower" onPress={() => adjustSeatedLift(-1)}>
                    {t("vr.lower")}
                  </MenuButton>
                  <MenuButton name="higher" onPress={() => adjustSeatedLift(1)}>
                    {t("vr.higher")}
                  </MenuButton>
                </>
              )}
            </Container>
            <MenuButton
              name="low-bandwidth"
              onPress={() => setLowBandwidth(!lowBandwidth)}
              accent={lowBandwidth}
            >
              {lowBandwidth ? t("vr.lowBandwidthOn") : t("vr.lowBandwidthOff")}
            </MenuButton>
            {facilitates && (
              <MenuButton name="facilitation" onPress={() => setPage("facilitation")} accent>
                {t("vr.facilitation")}
              </MenuButton>
            )}
            <MenuButton name="leave" onPress={onLeave} danger>
              {t("hall.leave")}
            </MenuButton>
          </>
        )}
      </Container>
    </group>
  );
}
