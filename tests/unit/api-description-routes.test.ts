/**
 * The API description lists its operations by hand next to the zod schemas it is written from; this
 * holds that list to the routers the server really mounts, so that a route added without a description
 * (or a description left behind by a removed route) fails here.
 */
import type express from "express";
import { describe, expect, it } from "vitest";
import { apiDescriptionRoutes, HTTP_OPERATIONS } from "../../server/http/api-description.ts";
import { apiRoutes } from "../../server/http/api-routes.ts";
import { facilitatorLinkRoutes } from "../../server/http/facilitator-link-routes.ts";
import { invitationRoutes } from "../../server/http/invitation-routes.ts";
import { publicMetricsRoutes } from "../../server/http/metrics-routes.ts";
import { oidcRoutes } from "../../server/http/oidc-routes.ts";
import { outcomeRoutes } from "../../server/http/outcome-routes.ts";
import { liveKitWebhookRoutes } from "../../server/voice/livekit-webhook.ts";

interface Layer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
}

function routesOf(router: express.Router): string[] {
  return (router.stack as Layer[]).flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map(
          (method) => `${method} ${layer.route?.path.replace(/:(\w+)/g, "{$1}")}`,
        )
      : [],
  );
}

describe("the API description", () => {
  it("documents exactly the routes the server mounts (the client's pages aside)", () => {
    // The routers only keep their dependencies until a request comes; none comes here.
    const deps = { publisher: { name: "", url: undefined, licence: "" } } as never;
    const mounted = [
      publicMetricsRoutes("a-metrics-token-for-the-test"),
      apiDescriptionRoutes(HTTP_OPERATIONS, "0.0.0"),
      facilitatorLinkRoutes(deps),
      invitationRoutes(deps),
      outcomeRoutes(deps),
      apiRoutes(deps),
      liveKitWebhookRoutes(undefined, deps),
      oidcRoutes(deps),
    ].flatMap(routesOf);
    const documented = HTTP_OPERATIONS.map((operation) => `${operation.method} ${operation.path}`);
    expect([...mounted].sort()).toEqual([...documented].sort());
  });
});
