/** What the big screen and the ideas wall last drew, for the test hook to compare with the room's state. */

export interface DrawnScreen {
  /** `title` (the consultation's title), `poll` (results or their promise) or `slide`. */
  mode: "title" | "poll" | "slide";
  agenda: string;
  question: string;
  bars: { label: string; value: number; length: number }[];
  slideUrl: string;
  /** The answer row a headset's ray rests on (voting by pointing), -1 for none. */
  pointed: number;
}

export const drawnScreen: DrawnScreen = {
  mode: "title",
  agenda: "",
  question: "",
  bars: [],
  slideUrl: "",
  pointed: -1,
};

export const drawnWall: { notes: { id: string; text: string; votes: number; pinned: boolean }[] } = {
  notes: [],
};
