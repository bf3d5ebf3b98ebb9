import { useThree } from "@react-three/fiber";
import { useEffect } from "react";

/**
 * Frames a second the hall draws on test pages when no headset presents (docs/testing.md). Walking,
 * interpolation and the tests' pixel reads all work on time deltas, so they see the same hall, only in
 * fewer frames.
 */
const TEST_FRAMES_PER_SECOND = 15;

/** Asks the on-demand frame loop for a frame at the test pages' capped rate. */
export function TestFrameRate() {
  const invalidate = useThree((state) => state.invalidate);
  useEffect(() => {
    const timer = setInterval(() => invalidate(), 1000 / TEST_FRAMES_PER_SECOND);
    return () => clearInterval(timer);
  }, [invalidate]);
  return null;
}
