import { useT } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";
import { Avatar } from "./Avatar.tsx";

/** Everyone in the room except ourselves: the local person sees the hall in first person. */
export function Avatars() {
  const participants = useHallStore((state) => state.participants);
  const selfId = useHallStore((state) => state.selfId);
  const t = useT();
  return (
    <>
      {participants
        .filter((participant) => participant.id !== selfId)
        .map((participant) => (
          <Avatar key={participant.id} participant={participant} facilitatorLabel={t("role.facilitator")} />
        ))}
    </>
  );
}
