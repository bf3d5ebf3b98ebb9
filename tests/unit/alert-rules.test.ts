import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { watchDependencies } from "../../server/metrics/dependency-metrics.ts";
import { metricsRegistry } from "../../server/metrics/hall-metrics.ts";

const rules = readFileSync(path.resolve(import.meta.dirname, "../../docs/prometheus-alerts.yml"), "utf8");

describe("the sample alert rules", () => {
  it("use only metrics the server exports", () => {
    const stop = watchDependencies({ redis: undefined, liveKitUrl: undefined });
    const exported = new Set(metricsRegistry.getMetricsAsArray().map((metric) => metric.name));
    stop();
    const used = new Set(
      [...rules.matchAll(/\bplenum_[a-z0-9_]+/g)].map(([name]) => name.replace(/_bucket$/, "")),
    );
    expect(used.size).toBeGreaterThan(8);
    for (const name of used) expect(exported, name).toContain(name);
  });

  it("are a Prometheus rule file: every rule with an alert name, an expression, a wait, a severity and a summary", () => {
    const file = parse(rules) as {
      groups: { name: string; rules: Record<string, unknown>[] }[];
    };
    const all = file.groups.flatMap((group) => group.rules);
    expect(all.length).toBeGreaterThan(8);
    for (const rule of all)
      expect(rule, String(rule.alert)).toMatchObject({
        alert: expect.stringMatching(/^Plenum[A-Za-z]+$/),
        expr: expect.any(String),
        for: expect.stringMatching(/^\d+[smh]$/),
        labels: { severity: expect.stringMatching(/^(critical|warning|info)$/) },
        annotations: { summary: expect.any(String) },
      });
    expect(new Set(all.map((rule) => rule.alert)).size).toBe(all.length);
  });
});
