import { Text } from "@react-three/uikit";
import { useState } from "react";
import { IDEA_TEXT_MAX } from "../../../shared/consultation/ideas-wall.ts";
import { useT } from "../app/i18n.tsx";
import { postIdea } from "../net/consultation-requests.ts";
import { VirtualKeyboard } from "./VirtualKeyboard.tsx";

/** Posting an idea from the headset: the headset keyboard, and the same `post_idea` request as the overlay. */
export function IdeaPage() {
  const t = useT();
  const [posted, setPosted] = useState(false);
  return (
    <>
      <Text fontSize={16} color="#f2c14e">
        {t("vr.idea")}
      </Text>
      {posted && (
        <Text fontSize={16} color="#9fd8b5">
          {t("ideas.posted")}
        </Text>
      )}
      <VirtualKeyboard
        max={IDEA_TEXT_MAX}
        submitLabel={t("ideas.post")}
        onSubmit={async (text) => {
          const answer = await postIdea(text);
          setPosted(answer.ok);
          return answer.ok;
        }}
      />
    </>
  );
}
