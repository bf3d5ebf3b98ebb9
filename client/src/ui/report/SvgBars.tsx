import { barLengths } from "../../consultation/poll-results.ts";

export interface SvgBar {
  readonly label: string;
  readonly value: number;
  /** What is written after the bar (the value, a share, an amount). */
  readonly caption: string;
}

const WIDTH = 640;
const LABEL = 220;
const ROW = 30;

/** A horizontal bar chart as plain SVG: prints sharply and needs no chart library. */
export function SvgBars({ bars, title }: { readonly bars: readonly SvgBar[]; readonly title: string }) {
  const lengths = barLengths(
    bars.map((bar) => bar.value),
    WIDTH - LABEL - 130,
  );
  const height = bars.length * ROW + 4;
  return (
    <svg
      className="svg-bars"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={title}
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((bar, index) => {
        const y = index * ROW + 2;
        const length = lengths[index] ?? 0;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a chart of a published report never reorders.
          <g key={index} data-testid="report-bar">
            <text x={LABEL - 8} y={y + ROW / 2 + 5} textAnchor="end" className="svg-bars__label">
              {bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label}
            </text>
            <rect
              x={LABEL}
              y={y + 4}
              width={Math.max(length, 1)}
              height={ROW - 8}
              rx={3}
              className="svg-bars__bar"
            />
            <text x={LABEL + length + 8} y={y + ROW / 2 + 5} className="svg-bars__value">
              {bar.caption}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
