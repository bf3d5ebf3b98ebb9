import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const serverPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": `http://127.0.0.1:${serverPort}`,
      "/healthz": `http://127.0.0.1:${serverPort}`,
      "/matchmake": `http://127.0.0.1:${serverPort}`,
      "^/[a-zA-Z0-9]{9}/": { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
});
