/**
 * What the avatar update costs per frame (sampling every pose and writing the instances), kept in a
 * ring of the last frames for the rendering benchmark to read through the test hook.
 */
const FRAMES = 600;
const costs = new Float64Array(FRAMES);
let written = 0;
let triangles = 0;

export function recordAvatarFrame(ms: number, crowdTriangles: number): void {
  costs[written % FRAMES] = ms;
  written++;
  triangles = crowdTriangles;
}

/** Triangles of the avatars' instanced meshes in the last frame (the renderer cannot count text meshes). */
export function avatarTriangles(): number {
  return triangles;
}

/** Milliseconds per frame of the last frames, oldest first. */
export function avatarFrameCosts(): number[] {
  const count = Math.min(written, FRAMES);
  const out: number[] = [];
  for (let i = written - count; i < written; i++) out.push(costs[i % FRAMES] as number);
  return out;
}

export function resetAvatarFrameCosts(): void {
  written = 0;
}
