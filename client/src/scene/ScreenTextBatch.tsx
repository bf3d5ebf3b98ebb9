import { type ReactNode, useEffect, useMemo } from "react";
import { BatchedText } from "troika-three-text";

/**
 * Draws every `<Text>` placed directly inside it in one draw call (the big screen's title, agenda,
 * poll question, answers and counts would otherwise cost one each, twice in a headset). The texts must
 * share one font and be direct children: each keeps its own position, size, colour and alignment, but
 * not a `visible` flag or a parent group's transform.
 */
export function ScreenTextBatch({ children }: { readonly children: ReactNode }) {
  const batch = useMemo(() => new BatchedText(), []);
  useEffect(() => () => batch.dispose(), [batch]);
  return <primitive object={batch}>{children}</primitive>;
}
