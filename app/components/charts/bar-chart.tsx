// A bar chart drawn as plain SVG on the server's first paint (visx scales and axes; no layout
// jump: the SVG scales with its viewBox). Bars stack within a group; groups stand side by side.
// Every chart has a table alternative holding the same figures.
import { AxisBottom, AxisLeft, type TickRendererProps } from "@visx/axis";
import { GridRows } from "@visx/grid";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import type { ReactNode } from "react";

export type ChartSeries = { key: string; label: string; color: string; group?: string };
export type ChartDatum = { label: string; values: Record<string, number> };

// Two drawings of the same figures, one shown by the stylesheet at a time: the wide one for
// screens above 640 px, the narrow one for phones, whose labels stay about 11 px tall when it
// scales down to a 390 px screen (the wide one's would shrink to 5 px).
const LAYOUTS = {
  wide: {
    width: 760,
    height: 330,
    margin: { top: 44, right: 12, bottom: 36, left: 72 },
    ticks: 12,
    font: 11,
  },
  narrow: {
    width: 360,
    height: 320,
    margin: { top: 64, right: 8, bottom: 36, left: 60 },
    ticks: 5,
    font: 12,
  },
} as const;
type Layout = (typeof LAYOUTS)[keyof typeof LAYOUTS];

function tickFor(font: number) {
  return function tick({ formattedValue, ...props }: TickRendererProps): ReactNode {
    // Our own <text>: visx's Text would add an inline style the CSP refuses.
    return (
      <text
        x={props.x}
        y={props.y}
        dy={props.dy}
        textAnchor={props.textAnchor}
        fontSize={font}
        fill="#44506a"
      >
        {formattedValue}
      </text>
    );
  };
}

type ChartProps = {
  title: string;
  data: readonly ChartDatum[];
  series: readonly ChartSeries[];
  formatValue: (value: number) => string;
  formatAxis: (value: number) => string;
  summary: string;
};

export function BarChart(props: ChartProps) {
  const { title, data, series, formatValue } = props;
  return (
    <figure className="chart">
      <ChartDrawing {...props} layout={LAYOUTS.wide} className="chart-svg chart-svg-wide" />
      <ChartDrawing {...props} layout={LAYOUTS.narrow} className="chart-svg chart-svg-narrow" />
      <figcaption>
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.key}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" rx="2" fill={s.color} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
        <details className="chart-table">
          <summary>Show the figures as a table</summary>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  {series.map((s) => (
                    <th scope="col" className="num" key={s.key}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.map((datum) => (
                  <tr key={datum.label}>
                    <th scope="row">{datum.label}</th>
                    {series.map((s) => (
                      <td className="num" key={s.key}>
                        {formatValue(datum.values[s.key] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}

/**
 * One drawing. Each period is a focusable group named with its figures, and shows them in a label
 * above its bars on hover and on keyboard focus (app.css, `.chart-period`).
 */
function ChartDrawing({
  title,
  data,
  series,
  formatValue,
  formatAxis,
  summary,
  layout,
  className,
}: ChartProps & { layout: Layout; className: string }) {
  const { width, height, margin, font } = layout;
  const groups = [...new Set(series.map((s) => s.group ?? "main"))];
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const x = scaleBand({ domain: data.map((d) => d.label), range: [0, innerWidth], padding: 0.2 });
  const inner = scaleBand({ domain: groups, range: [0, x.bandwidth()], padding: 0.08 });
  const max = Math.max(
    1,
    ...data.flatMap((d) =>
      groups.map((g) =>
        series
          .filter((s) => (s.group ?? "main") === g)
          .reduce((sum, s) => sum + Math.max(0, d.values[s.key] ?? 0), 0),
      ),
    ),
  );
  const y = scaleLinear({ domain: [0, max * 1.08], range: [innerHeight, 0], nice: true });
  const everyNth = Math.ceil(data.length / layout.ticks);
  const tick = tickFor(font);
  const lineHeight = font + 4;

  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no <fieldset>; the group holds the periods.
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label={`${title}. ${summary}`}
      className={className}
    >
      <Group left={margin.left} top={margin.top}>
        <GridRows scale={y} width={innerWidth} numTicks={5} stroke="#e3e7ee" />
        <text
          x={-margin.left + 4}
          y={-margin.top + lineHeight}
          fontSize={font}
          fill="#44506a"
          className="chart-hint"
        >
          Point at or tab to a bar for its figures.
        </text>
        {data.map((datum) => {
          const figures = series.map((s) => `${s.label}: ${formatValue(datum.values[s.key] ?? 0)}`);
          const left = x(datum.label) ?? 0;
          // The readout's lines: the period, then its figures, as many to a line as fit.
          const readout = readoutLines(
            datum.label,
            figures,
            Math.floor((innerWidth + margin.left) / (font * 0.58)),
          );
          return (
            // A period is an image named by its figures, focusable so keyboard users can read them too.
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG group has no semantic element to use instead.
            <g
              key={datum.label}
              className="chart-period"
              tabIndex={0}
              role="img"
              aria-label={`${datum.label}: ${figures.join("; ")}`}
            >
              <rect x={left} y={0} width={x.bandwidth()} height={innerHeight} className="chart-hit" />
              <Group left={left}>
                {groups.map((group) => {
                  let base = 0;
                  return series
                    .filter((s) => (s.group ?? "main") === group)
                    .map((s) => {
                      const value = Math.max(0, datum.values[s.key] ?? 0);
                      const top = y(base + value);
                      const barHeight = y(base) - top;
                      base += value;
                      if (barHeight <= 0) return null;
                      return (
                        <rect
                          key={s.key}
                          x={inner(group) ?? 0}
                          y={top}
                          width={inner.bandwidth()}
                          height={barHeight}
                          fill={s.color}
                        />
                      );
                    });
                })}
              </Group>
              <g className="chart-value">
                {readout.map((line, index) => (
                  <text
                    key={line}
                    x={-margin.left + 4}
                    y={-margin.top + lineHeight * (index + 1)}
                    fontSize={font}
                    fontWeight={index === 0 ? 700 : 400}
                    fill="#14213d"
                  >
                    {line}
                  </text>
                ))}
              </g>
            </g>
          );
        })}
        <AxisLeft
          scale={y}
          numTicks={5}
          tickFormat={(v) => formatAxis(Number(v))}
          stroke="#7b8597"
          tickStroke="#7b8597"
          tickComponent={tick}
        />
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={data.filter((_, i) => i % everyNth === 0).map((d) => d.label)}
          stroke="#7b8597"
          tickStroke="#7b8597"
          tickComponent={tick}
        />
      </Group>
    </svg>
  );
}

function readoutLines(label: string, figures: string[], perLine: number): string[] {
  const lines = [label];
  let line = "";
  for (const figure of figures) {
    const next = line ? `${line} · ${figure}` : figure;
    if (line && next.length > perLine) {
      lines.push(line);
      line = figure;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
