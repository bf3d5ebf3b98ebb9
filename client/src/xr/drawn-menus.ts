/** What the headset's floating panels last drew, for the test hook; plain objects, so reading them loads no uikit. */

/** What the hand menu last showed of the agenda. */
export const drawnMenuAgenda = { title: "", time: "" };

/** Whether the "Reconnecting…" banner was drawn in the last frame. */
export const drawnConnectionBanner = { visible: false };
