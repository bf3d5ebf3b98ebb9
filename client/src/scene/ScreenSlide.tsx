import { useTexture } from "@react-three/drei";
import { useEffect } from "react";
import { SRGBColorSpace } from "three";
import { drawnScreen } from "./drawn-consultation.ts";

const AREA = { width: 9.4, height: 3.3, y: 0.35 } as const;

/** The slide the facilitator shows, fitted into the screen's content area (loaded from the served URL). */
export function ScreenSlide({ url }: { readonly url: string }) {
  const texture = useTexture(url);
  texture.colorSpace = SRGBColorSpace;
  const image = texture.image as { width?: number; height?: number } | undefined;
  const aspect = image?.width && image.height ? image.width / image.height : 16 / 9;
  const width = Math.min(AREA.width, AREA.height * aspect);
  const height = width / aspect;

  useEffect(() => {
    drawnScreen.mode = "slide";
    drawnScreen.slideUrl = url;
    return () => {
      drawnScreen.mode = "title";
      drawnScreen.slideUrl = "";
    };
  }, [url]);

  return (
    <mesh position={[0, AREA.y, 0.01]}>
      <planeGeometry args={[width, height]} />
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}
