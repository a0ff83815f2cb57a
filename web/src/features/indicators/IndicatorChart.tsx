import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useLocale, useT } from '../../i18n';
import type { IndicatorRow } from './api';
import { CHART_COLOR, chartAxis, chartData, formatValue } from './model';
import { useEChart } from '../../ui/useEChart';

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Actual values of one indicator over the years against its targets and baseline, with a data table. */
export default function IndicatorChart({ row, years }: { row: IndicatorRow; years: number[] }) {
  const t = useT();
  const [locale] = useLocale();
  const data = useMemo(() => chartData(row, years), [row, years]);
  const fmt = (v: number | null) => formatValue(v, row.unit, locale, t);
  const option = useMemo<EChartsCoreOption>(() => {
    const axis = chartAxis(row.unit, [...data.actual, ...data.target, ...data.baseline]);
    return {
      animation: false,
      grid: { left: 52, right: 20, top: 20, bottom: 64 },
      legend: { bottom: 0, itemWidth: 16, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatValue(v, row.unit, locale, t) : '—'),
      },
      xAxis: { type: 'category', data: data.years.map(String), boundaryGap: false },
      yAxis: {
        type: 'value',
        ...axis,
        axisLabel: { formatter: (v: number) => (row.unit === 'percent' ? `${v} %` : String(v)) },
      },
      series: [
        {
          type: 'line',
          name: t('web.indicators.chart.actual'),
          data: data.actual,
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 9,
          lineStyle: { width: 2.5, color: CHART_COLOR.actual },
          itemStyle: { color: CHART_COLOR.actual },
          label: {
            show: true,
            position: 'top',
            fontSize: 11,
            formatter: (p: { value: number | null }) => (p.value === null ? '' : fmt(p.value)),
          },
        },
        {
          type: 'line',
          name: t('web.indicators.chart.target'),
          data: data.target,
          connectNulls: true,
          symbol: 'diamond',
          symbolSize: 10,
          lineStyle: { type: 'dashed', width: 2, color: CHART_COLOR.target },
          itemStyle: { color: CHART_COLOR.target },
        },
        {
          type: 'scatter',
          name: t('web.indicators.chart.baseline'),
          data: data.baseline,
          symbol: 'rect',
          symbolSize: 11,
          itemStyle: { color: CHART_COLOR.baseline },
        },
      ],
    };
    // fmt depends on locale and unit only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, row.unit, locale, t]);

  const summary = data.years
    .map((y, i) => {
      const parts = [
        data.actual[i] !== null ? `${t('web.indicators.chart.actual')} ${fmt(data.actual[i]!)}` : null,
        data.target[i] !== null ? `${t('web.indicators.chart.target')} ${fmt(data.target[i]!)}` : null,
        data.baseline[i] !== null ? `${t('web.indicators.chart.baseline')} ${fmt(data.baseline[i]!)}` : null,
      ].filter(Boolean);
      return parts.length ? `${y}: ${parts.join(', ')}` : null;
    })
    .filter(Boolean)
    .join('; ');
  const label = `${t('web.indicators.chart.title', { name: row.name })}. ${summary || t('web.indicators.chart.empty')}`;

  return (
    <div className="stack">
      <EChart option={option} label={label} />
      <div className="table-wrap">
        <table className="table ind-chart-table">
          <caption className="sr-only">{t('web.indicators.chart.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('web.indicators.col.year')}</th>
              <th scope="col" className="num">
                {t('web.indicators.chart.baseline')}
              </th>
              <th scope="col" className="num">
                {t('web.indicators.chart.target')}
              </th>
              <th scope="col" className="num">
                {t('web.indicators.chart.actual')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.years.map((y, i) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                <td className="num">{data.baseline[i] === null ? '' : fmt(data.baseline[i]!)}</td>
                <td className="num">{fmt(data.target[i] ?? null)}</td>
                <td className="num">
                  {data.actual[i] !== null ? (
                    fmt(data.actual[i]!)
                  ) : data.noData[i] ? (
                    <span className="muted small">
                      {t('web.indicators.noData')}: {data.noData[i]}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function EChart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const el = useEChart(option);
  return <div ref={el} className="ind-chart" role="img" aria-label={label} />;
}
