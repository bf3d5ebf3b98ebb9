import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
          hookTimeout: 30_000,
          // Integration files mostly wait (on timers, restarts, other processes), not compute: three at
          // a time on two cores took the suite from 350 s to 111 s (docs/testing.md). Vitest's default
          // is one fewer worker than cores, which is one here.
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      // Voice tests open peer connections: they run only inside a loopback-only network namespace,
      // with a LiveKit server built by scripts/ensure-livekit-server.sh (see the `test` script).
      ...(process.env.PLENUM_VOICE_TESTS === "1"
        ? [
            {
              test: {
                name: "voice",
                include: ["tests/voice/**/*.test.ts"],
                environment: "node",
                testTimeout: 60_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
