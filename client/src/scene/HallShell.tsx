import { useEffect, useMemo } from "react";
import {
  DoubleSide,
  type Material,
  MeshBasicMaterial,
  MeshLambertMaterial,
  MeshStandardMaterial,
} from "three";
import { buildHallShell, type Surface } from "./hall-shell.ts";

/** Large matte surfaces use Lambert shading: it looks the same on plaster and carpet and costs far less per pixel. */
function surfaceMaterials(): Record<Surface, Material> {
  return {
    floor: new MeshLambertMaterial({ color: "#94694a" }),
    carpet: new MeshLambertMaterial({ color: "#3f4a63" }),
    runner: new MeshLambertMaterial({ color: "#6d2531" }),
    plaster: new MeshLambertMaterial({ color: "#e9e0cf" }),
    panelling: new MeshLambertMaterial({ color: "#6b4429" }),
    trim: new MeshLambertMaterial({ color: "#f5efe3" }),
    ceiling: new MeshLambertMaterial({ color: "#f4eee2", side: DoubleSide }),
    beam: new MeshStandardMaterial({ color: "#7a4e2d", roughness: 0.55 }),
    stage: new MeshStandardMaterial({ color: "#6b4528", roughness: 0.45 }),
    backdrop: new MeshLambertMaterial({ color: "#3b6873" }),
    brass: new MeshStandardMaterial({ color: "#d6a74a", metalness: 0.8, roughness: 0.3 }),
    // Windows glow with daylight; a basic material keeps them bright whatever the lights do.
    glass: new MeshBasicMaterial({ color: "#cfe4f7" }),
    frame: new MeshStandardMaterial({ color: "#2e2a26", roughness: 0.5, metalness: 0.3 }),
    lamp: new MeshStandardMaterial({ color: "#fff6e0", emissive: "#ffe2a8", emissiveIntensity: 1.6 }),
  };
}

/** Floor, walls, windows, ceiling, stage and podium: one merged mesh per material. */
export function HallShell() {
  const geometries = useMemo(buildHallShell, []);
  const materials = useMemo(surfaceMaterials, []);
  useEffect(
    () => () => {
      for (const geometry of geometries.values()) geometry.dispose();
      for (const material of Object.values(materials)) material.dispose();
    },
    [geometries, materials],
  );
  return (
    <group>
      {[...geometries].map(([surface, geometry]) => (
        <mesh key={surface} geometry={geometry} material={materials[surface]} />
      ))}
    </group>
  );
}
