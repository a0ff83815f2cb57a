import { Fragment, useMemo, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { EChartsCoreOption } from 'echarts/core';
import { isApiError } from '../../api/client';
import { useLocale, useT, type T } from '../../i18n';
import { formatNumber, formatPercent } from '../../lib/format';
import type { Locale } from '../../i18n';
import { btnClass } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { EmptyState, ErrorState, PageSpinner } from '../../ui/States';
import { NotFoundPage } from '../errors/pages';
import { exportUrl, useSchoolResults, type Point, type Series, type Totals } from './api';
import { Chart } from './Chart';
import './results.css';

const route = getRouteApi('/_app/schools/$id/results');

export const COLORS = { school: '#1b4f8a', municipality: '#c77700', region: '#6b7785' } as const;
const MARK_COLORS = { 2: '#c2410c', 3: '#e0a100', 4: '#4f9a5a', 5: '#1d6b3a' } as const;
type Who = keyof typeof COLORS;
const WHO: Who[] = ['school', 'municipality', 'region'];

export default function SchoolResultsPage() {
  const { id: raw } = route.useParams();
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <View key={id} id={id} />;
}

const seriesKey = (s: Series) => `${s.procedure}|${s.subject}|${s.grade}`;

export function seriesLabel(s: Series, t: T): string {
  return s.grade ? `${s.subjectName}, ${t('web.res.grade', { grade: s.grade })}` : s.subjectName;
}

function View({ id }: { id: number }) {
  const t = useT();
  const q = useSchoolResults(id);
  const [procedure, setProcedure] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <NotFoundPage />;
    return (
      <div className="card">
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </div>
    );
  }
  const d = q.data;
  const procedures = [...new Map(d.series.map((s) => [s.procedure, s.procedureName])).entries()];
  const proc =
    procedure && procedures.some(([p]) => p === procedure) ? procedure : (procedures[0]?.[0] ?? null);
  const inProc = d.series.filter((s) => s.procedure === proc);
  const series = inProc.find((s) => seriesKey(s) === key) ?? inProc[0] ?? null;

  return (
    <div className="stack-lg">
      <PageHeader
        crumbs={
          <ol className="crumbs">
            <li>
              <Link to="/registry">{t('web.registry.title')}</Link>
            </li>
            <li>
              <Link to="/schools/$id" params={{ id: String(id) }}>
                {d.school.shortName}
              </Link>
            </li>
          </ol>
        }
        title={t('web.res.school.title')}
        subtitle={`${d.school.shortName} · ${d.school.municipalityName}`}
        actions={
          series && (
            <a
              className={btnClass('secondary')}
              href={exportUrl(`/api/results/schools/${id}/export`, {
                procedure: series.procedure,
                subject: series.subject,
              })}
              download
            >
              <Icon name="download" />
              {t('web.res.export')}
            </a>
          )
        }
      />
      {!series ? (
        <div className="card">
          <EmptyState title={t('web.res.school.empty')} icon="chart">
            {t('web.res.school.emptyText')}
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="res-picker">
            <div className="tabs" role="tablist" aria-label={t('web.res.procedure')}>
              {procedures.map(([code, name]) => (
                <button
                  key={code}
                  type="button"
                  role="tab"
                  aria-selected={code === proc}
                  className={code === proc ? 'tab active' : 'tab'}
                  onClick={() => {
                    setProcedure(code);
                    setKey(null);
                  }}
                >
                  {name}
                </button>
              ))}
            </div>
            <Field label={t('web.res.subject')} className="res-subject">
              <select className="select" value={seriesKey(series)} onChange={(e) => setKey(e.target.value)}>
                {inProc.map((s) => (
                  <option key={seriesKey(s)} value={seriesKey(s)}>
                    {seriesLabel(s, t)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <SeriesView series={series} />
        </>
      )}
    </div>
  );
}

function SeriesView({ series }: { series: Series }) {
  const t = useT();
  const [locale] = useLocale();
  const points = useMemo(() => [...series.points].sort((a, b) => a.year - b.year), [series]);
  const years = points.map((p) => String(p.year));
  const names: Record<Who, string> = {
    school: t('web.res.who.school'),
    municipality: t('web.res.who.municipality'),
    region: t('web.res.who.region'),
  };
  const line = (get: (x: Totals) => number | null, percent: boolean): EChartsCoreOption => ({
    color: WHO.map((w) => COLORS[w]),
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) =>
        typeof v === 'number' ? (percent ? formatPercent(v, locale) : formatNumber(v, locale)) : '—',
    },
    legend: { bottom: 0, icon: 'roundRect' },
    grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: years, boundaryGap: false },
    yAxis: {
      type: 'value',
      scale: !percent,
      axisLabel: { formatter: (v: number) => (percent ? `${v} %` : formatNumber(v, locale)) },
    },
    series: WHO.map((w) => ({
      name: names[w],
      type: 'line',
      data: points.map((p) => get(p[w])),
      symbolSize: w === 'school' ? 8 : 6,
      lineStyle: { width: w === 'school' ? 3 : 2, type: w === 'region' ? 'dashed' : 'solid' },
      connectNulls: true,
    })),
  });
  const below = useMemo(() => line((x) => x.belowMinShare, true), [points, locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const mean = useMemo(() => line((x) => x.meanScore, false), [points, locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const hasMarks = points.some((p) => p.school.marks);
  const marks = useMemo<EChartsCoreOption>(() => {
    const short = Object.fromEntries(WHO.map((w) => [w, t(`web.res.whoShort.${w}`)])) as Record<Who, string>;
    const opacity: Record<Who, number> = { school: 1, municipality: 0.7, region: 0.45 };
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ seriesId: string; axisValue: string; value: number | null }>) => {
          const lines = WHO.map((w) => {
            const v = ([2, 3, 4, 5] as const).map((m) => {
              const x = params.find((p) => p.seriesId === `${w}-${m}`)?.value;
              return `«${m}» ${typeof x === 'number' ? formatPercent(x, locale) : '—'}`;
            });
            return `<b>${names[w]}</b>: ${v.join(' · ')}`;
          });
          return [params[0]?.axisValue ?? '', ...lines].join('<br/>');
        },
      },
      legend: { bottom: 0, data: ([2, 3, 4, 5] as const).map((m) => t('web.res.mark', { mark: m })) },
      grid: { left: 8, right: 16, top: 28, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      series: WHO.flatMap((w) =>
        ([2, 3, 4, 5] as const).map((m) => ({
          id: `${w}-${m}`,
          name: t('web.res.mark', { mark: m }),
          type: 'bar',
          stack: w,
          barMaxWidth: 28,
          barGap: '18%',
          itemStyle: { color: MARK_COLORS[m], opacity: opacity[w] },
          label:
            m === 5
              ? { show: true, position: 'top', formatter: short[w], fontSize: 10, color: '#5a6675' }
              : undefined,
          data: points.map((p) => p[w].marks?.[m] ?? null),
        })),
      ),
    };
  }, [points, locale, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="stack-lg">
      <div className="res-charts">
        <Card title={t('web.res.chart.below')}>
          <Chart option={below} label={t('web.res.chart.below')} />
        </Card>
        <Card title={t('web.res.chart.mean')}>
          <Chart option={mean} label={t('web.res.chart.mean')} />
        </Card>
        {hasMarks && (
          <Card title={t('web.res.chart.marks')} className="res-chart-wide">
            <Chart option={marks} height={300} label={t('web.res.chart.marks')} />
          </Card>
        )}
      </div>
      <ResultsTable points={points} names={names} hasMarks={hasMarks} locale={locale} />
    </div>
  );
}

function ResultsTable({
  points,
  names,
  hasMarks,
  locale,
}: {
  points: Point[];
  names: Record<Who, string>;
  hasMarks: boolean;
  locale: Locale;
}) {
  const t = useT();
  const n = (v: number | null | undefined) => formatNumber(v, locale);
  const pc = (v: number | null | undefined) => formatPercent(v, locale);
  const hasHigh = points.some((p) => p.school.highShare !== null);
  return (
    <Card title={t('web.res.table.title')} flush>
      <div className="table-wrap">
        <table className="table res-table">
          <thead>
            <tr>
              <th scope="col">{t('web.res.table.year')}</th>
              <th scope="col">{t('web.res.table.level')}</th>
              <th scope="col" className="num">
                {t('web.res.table.schools')}
              </th>
              <th scope="col" className="num">
                {t('web.res.table.participants')}
              </th>
              <th scope="col" className="num">
                {t('web.res.table.belowMin')}
              </th>
              <th scope="col" className="num">
                {t('web.res.table.belowMinShare')}
              </th>
              <th scope="col" className="num">
                {t('web.res.table.mean')}
              </th>
              {hasMarks &&
                ([2, 3, 4, 5] as const).map((m) => (
                  <th key={m} scope="col" className="num">
                    {t('web.res.table.markShare', { mark: m })}
                  </th>
                ))}
              {hasHigh && (
                <th scope="col" className="num">
                  {t('web.res.table.high')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <Fragment key={p.year}>
                {WHO.map((w, i) => (
                  <tr key={w} className={i === 0 ? 'res-year-first' : undefined}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={3} className="res-year">
                        {p.year}
                        {p.fromStudents && (
                          <div className="cell-sub">
                            <Badge tone="teal">{t('web.res.fromStudents')}</Badge>
                          </div>
                        )}
                      </th>
                    )}
                    <td className={w === 'school' ? 'cell-main nowrap' : 'nowrap'}>
                      <span className="res-dot" style={{ background: COLORS[w] }} aria-hidden />
                      {names[w]}
                    </td>
                    <td className="num">{n(p[w].schools)}</td>
                    <td className="num">{n(p[w].participants)}</td>
                    <td className="num">{n(p[w].belowMin)}</td>
                    <td className="num">{pc(p[w].belowMinShare)}</td>
                    <td className="num">{n(p[w].meanScore)}</td>
                    {hasMarks &&
                      ([2, 3, 4, 5] as const).map((m) => (
                        <td key={m} className="num">
                          {pc(p[w].marks?.[m])}
                        </td>
                      ))}
                    {hasHigh && <td className="num">{pc(p[w].highShare)}</td>}
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted res-note">{t('web.res.table.note')}</p>
    </Card>
  );
}
