/**
 * troika-three-text ships no type declarations for its entry point; the hall uses only its batching
 * of many texts into one draw call.
 */
declare module "troika-three-text" {
  import type { Mesh } from "three";

  /** Renders every troika `Text` added to it (with one font) in a single draw call. */
  export class BatchedText extends Mesh {
    dispose(): void;
  }
}
