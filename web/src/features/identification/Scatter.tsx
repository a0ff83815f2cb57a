import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import type { Scatter } from './api';
import { DISPLAY_COLOR, scatterSeries } from './model';
import { useEChart } from '../../ui/useEChart';

echarts.use([ScatterChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Context index (x) against the share below the minimum (y); flagged schools in their category's colour. */
export default function ScatterChartView({ data }: { data: Scatter }) {
  const t = useT();
  const [locale] = useLocale();
  const option = useMemo<EChartsCoreOption>(() => {
    const groups = scatterSeries(data.points);
    const xs = groups.flatMap((g) => g.points.map((p) => p.contextIndex!));
    const minX = xs.length ? Math.min(...xs) : 0;
    const maxX = xs.length ? Math.max(...xs) : 1;
    const series: unknown[] = groups.map((g) => ({
      type: 'scatter',
      name: t(`web.ident.display.${g.display}`),
      symbolSize: g.display === 'none' || g.display === 'insufficient_data' ? 6 : 9,
      itemStyle: {
        color: DISPLAY_COLOR[g.display],
        opacity: g.display === 'none' ? 0.45 : 0.9,
      },
      data: g.points.map((p) => ({
        value: [p.contextIndex, p.share! * 100],
        name: p.shortName,
        participants: p.participants,
      })),
    }));
    if (data.line) {
      const { intercept, slope } = data.line;
      series.push({
        type: 'line',
        name: t('web.ident.scatter.expected'),
        showSymbol: false,
        silent: true,
        lineStyle: { color: '#1c2b4a', type: 'dashed', width: 1.5 },
        itemStyle: { color: '#1c2b4a' },
        data: [
          [minX, (intercept + slope * minX) * 100],
          [maxX, (intercept + slope * maxX) * 100],
        ],
      });
    }
    return {
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 92, containLabel: false },
      legend: { bottom: 0, type: 'plain', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          seriesName: string;
          data: { name?: string; value: number[]; participants?: number };
        }) =>
          p.data?.name
            ? `<b>${escapeHtml(p.data.name)}</b><br/>${escapeHtml(p.seriesName)}<br/>${t('web.ident.scatter.index')}: ${formatNumber(p.data.value[0], locale)}<br/>${t('web.ident.scatter.share')}: ${formatNumber(p.data.value[1], locale, 1)} %<br/>${t('web.ident.col.participants')}: ${formatNumber(p.data.participants ?? null, locale)}`
            : escapeHtml(p.seriesName),
      },
      xAxis: {
        type: 'value',
        name: t('web.ident.scatter.index'),
        nameLocation: 'middle',
        nameGap: 28,
        scale: true,
        splitLine: { lineStyle: { color: '#eef1f5' } },
      },
      yAxis: {
        type: 'value',
        name: t('web.ident.scatter.shareAxis'),
        nameLocation: 'middle',
        nameGap: 36,
        min: 0,
        max: 100,
        splitLine: { lineStyle: { color: '#eef1f5' } },
      },
      series,
    } as EChartsCoreOption;
  }, [data, t, locale]);

  const el = useEChart(option);
  return (
    <div
      ref={el}
      className="ident-chart"
      data-testid="ident-scatter"
      style={{ height: 420 }}
      role="img"
      aria-label={t('web.ident.scatter.label')}
    />
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
