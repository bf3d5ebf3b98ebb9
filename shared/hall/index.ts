export * from "./hall-geometry.ts";
