/** Where each remote avatar's head was last drawn, for the test hook to compare with what others send. */
export interface DrawnHead {
  x: number;
  y: number;
  z: number;
}

export const drawnHeads = new Map<string, DrawnHead>();

/** Where each remote avatar's hands were last drawn (the test hook compares them with a headset's controllers). */
export const drawnHands = new Map<string, { readonly left: DrawnHead; readonly right: DrawnHead }>();
