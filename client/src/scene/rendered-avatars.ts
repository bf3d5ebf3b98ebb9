/** Where each remote avatar's head was last drawn, for the test hook to compare with what others send. */
export interface DrawnHead {
  x: number;
  y: number;
  z: number;
}

export const drawnHeads = new Map<string, DrawnHead>();
