import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * An ECharts instance (SVG renderer) on the returned element: created on mount, resized with its
 * container, given each new option, disposed on unmount. The caller registers the chart types and
 * components it uses with `echarts.use`.
 */
export function useEChart(option: EChartsCoreOption) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const optionRef = useRef(option);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'svg' });
    c.setOption(optionRef.current, true);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    optionRef.current = option;
    chart.current?.setOption(option, true);
  }, [option]);
  return el;
}
