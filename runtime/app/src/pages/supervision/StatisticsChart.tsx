/**
 * The chart beside the statistics table: the rows of the page as horizontal bars, stacked by power
 * type, drawn by ECharts (SVG). Loaded on its own (React.lazy from StatisticsPanel), with only the
 * parts of ECharts it uses, so neither the sign-in page nor the rest of the app carries it.
 * Clicking a bar drills down like clicking its row.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsType, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n.tsx';
import type { StatisticsAnswer, StatRow } from './statistics-api.ts';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The most bars drawn (the table pages through the rest). */
const BARS = 15;
const COLORS = [
  '#1f4e79',
  '#2f7ebc',
  '#6baed6',
  '#f5a623',
  '#d0021b',
  '#7ed321',
  '#9013fe',
  '#8b572a',
  '#50e3c2',
  '#b8b8b8',
];

/** Props of StatisticsChart. */
export interface StatisticsChartProps {
  answer: StatisticsAnswer;
  onPick(row: StatRow): void;
}

/** The bar chart of a statistics answer. */
export default function StatisticsChart({ answer, onPick }: StatisticsChartProps) {
  const { named } = useT();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const rows = answer.rows.filter((r) => r.cases > 0).slice(0, BARS);

  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const shown = [...rows].reverse();
    c.setOption(
      {
        color: COLORS,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          data: shown.map((r) => named(r)),
          axisLabel: { width: 140, overflow: 'truncate' },
        },
        series: answer.powerTypes.map((p) => ({
          name: named(p),
          type: 'bar',
          stack: 'cases',
          data: shown.map((r) => r.byPowerType[p.code] ?? 0),
        })),
      },
      true,
    );
    c.off('click');
    c.on('click', (e) => {
      const row = shown[e.dataIndex];
      if (row) pick.current(row);
    });
  });

  return (
    <div
      ref={box}
      data-testid="statistics-chart"
      data-bars={rows.length}
      // Names without an English one (organisations, officers) are drawn as written, in Chinese.
      lang={rows.some((r) => !r.nameEn) ? 'zh-CN' : undefined}
      style={{ width: '100%', height: Math.max(220, 40 + rows.length * 28) }}
    />
  );
}
