import { useLayoutEffect, useRef } from "react";
import type { SpotLight } from "three";
import { PODIUM, STAGE } from "../../../shared/hall/hall-geometry.ts";

/**
 * Warm interior light from above, cool daylight through the left windows, a soft fill from the right
 * and a spotlight on the podium, so the stage reads as the room's focus.
 */
export function HallLighting() {
  const spot = useRef<SpotLight>(null);
  useLayoutEffect(() => {
    const light = spot.current;
    if (!light) return;
    light.target.position.set(PODIUM.x, STAGE.height + 1, PODIUM.z);
    light.target.updateMatrixWorld();
  }, []);
  return (
    <>
      <hemisphereLight args={["#fff2dc", "#5e4330", 1.5]} />
      <ambientLight intensity={0.25} color="#ffe9cc" />
      <directionalLight position={[-18, 12, 3]} intensity={1.6} color="#e8f1ff" />
      <directionalLight position={[14, 9, 12]} intensity={0.6} color="#ffd6a0" />
      <spotLight
        ref={spot}
        position={[0, 7.5, -2]}
        angle={0.45}
        penumbra={0.6}
        intensity={90}
        distance={20}
        decay={2}
        color="#ffe3b8"
      />
    </>
  );
}
