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

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 12, right: 12, bottom: 36, left: 72 };

function tick({ formattedValue, ...props }: TickRendererProps): ReactNode {
  // Our own <text>: visx's Text would add an inline style the CSP refuses.
  return (
    <text x={props.x} y={props.y} dy={props.dy} textAnchor={props.textAnchor} fontSize={11} fill="#44506a">
      {formattedValue}
    </text>
  );
}

export function BarChart({
  title,
  data,
  series,
  formatValue,
  formatAxis,
  summary,
}: {
  title: string;
  data: readonly ChartDatum[];
  series: readonly ChartSeries[];
  formatValue: (value: number) => string;
  formatAxis: (value: number) => string;
  summary: string;
}) {
  const groups = [...new Set(series.map((s) => s.group ?? "main"))];
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
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
  const everyNth = Math.ceil(data.length / 12);

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${title}. ${summary}`}
        className="chart-svg"
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          <GridRows scale={y} width={innerWidth} numTicks={5} stroke="#e3e7ee" />
          {data.map((datum) => (
            <Group key={datum.label} left={x(datum.label) ?? 0}>
              {groups.map((group) => {
                let base = 0;
                return series
                  .filter((s) => (s.group ?? "main") === group)
                  .map((s) => {
                    const value = Math.max(0, datum.values[s.key] ?? 0);
                    const top = y(base + value);
                    const height = y(base) - top;
                    base += value;
                    if (height <= 0) return null;
                    return (
                      <rect
                        key={s.key}
                        x={inner(group) ?? 0}
                        y={top}
                        width={inner.bandwidth()}
                        height={height}
                        fill={s.color}
                      >
                        <title>{`${datum.label} · ${s.label}: ${formatValue(value)}`}</title>
                      </rect>
                    );
                  });
              })}
            </Group>
          ))}
          <AxisLeft
            scale={y}
            numTicks={5}
            tickFormat={(v) => formatAxis(Number(v))}
            stroke="#b8c0cc"
            tickStroke="#b8c0cc"
            tickComponent={tick}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={data.filter((_, i) => i % everyNth === 0).map((d) => d.label)}
            stroke="#b8c0cc"
            tickStroke="#b8c0cc"
            tickComponent={tick}
          />
        </Group>
      </svg>
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
