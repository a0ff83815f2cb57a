import { useMemo, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useLocale, useT } from '../../i18n';
import { formatNumber, formatPercent } from '../../lib/format';
import { btnClass } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Pagination, SortHeader } from '../../ui/Table';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { exportUrl, useDatasets, useSummary, type Dataset, type Summary, type SummaryQuery } from './api';

type Sort = NonNullable<SummaryQuery['sort']>;
type Row = Summary['items'][number] | Summary['municipalities'][number];
const NUMERIC: Sort[] = ['participants', 'belowMinShare', 'meanScore', 'mark2Share', 'mark5Share'];

const sliceKey = (d: Pick<Dataset, 'procedure' | 'subject' | 'grade'>) =>
  `${d.procedure}|${d.subject}|${d.grade}`;

function value(r: Row, k: Sort): number | string | null {
  switch (k) {
    case 'participants':
      return r.participants;
    case 'belowMinShare':
      return r.belowMinShare;
    case 'meanScore':
      return r.meanScore;
    case 'mark2Share':
      return r.marks?.[2] ?? null;
    case 'mark5Share':
      return r.marks?.[5] ?? null;
    case 'highShare':
      return r.highShare;
    default:
      return 'shortName' in r ? r.shortName : r.municipalityName;
  }
}

/** The region's summary for one procedure, subject, grade and year: municipalities and schools. */
export function SummarySection() {
  const t = useT();
  const datasets = useDatasets();
  const [slice, setSlice] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [sort, setSort] = useState<{ key: Sort; order: 'asc' | 'desc' }>({
    key: 'belowMinShare',
    order: 'desc',
  });
  const [muniSort, setMuniSort] = useState<{ key: Sort; order: 'asc' | 'desc' }>({
    key: 'belowMinShare',
    order: 'desc',
  });
  const [page, setPage] = useState(1);
  const list = useMemo(() => datasets.data ?? [], [datasets.data]);
  const slices = useMemo(() => [...new Map(list.map((d) => [sliceKey(d), d])).values()], [list]);
  const current = slices.find((d) => sliceKey(d) === slice) ?? slices[0];
  const years = list
    .filter((d) => current && sliceKey(d) === sliceKey(current))
    .map((d) => d.year)
    .sort((a, b) => b - a);
  const y = year !== null && years.includes(year) ? year : years[0];
  const query: SummaryQuery | null =
    current && y
      ? {
          procedure: current.procedure,
          subject: current.subject,
          grade: current.grade,
          year: y,
          sort: sort.key,
          order: sort.order,
          page,
          pageSize: 50,
        }
      : null;
  const summary = useSummary(query);
  if (datasets.isError) return <ErrorState error={datasets.error} onRetry={() => void datasets.refetch()} />;
  if (datasets.data && !slices.length)
    return (
      <div className="card">
        <EmptyState title={t('web.res.summary.empty')} icon="chart" />
      </div>
    );
  const onSort = (k: Sort) => {
    setPage(1);
    setSort((s) => ({
      key: k,
      order: s.key === k ? (s.order === 'asc' ? 'desc' : 'asc') : NUMERIC.includes(k) ? 'desc' : 'asc',
    }));
  };
  const munis = [...(summary.data?.municipalities ?? [])].sort((a, b) => {
    const va = value(a, muniSort.key);
    const vb = value(b, muniSort.key);
    const c =
      va === null
        ? 1
        : vb === null
          ? -1
          : typeof va === 'number' && typeof vb === 'number'
            ? va - vb
            : String(va).localeCompare(String(vb), 'ru');
    return muniSort.order === 'asc' ? c : -c;
  });
  return (
    <div className="stack-lg">
      <div className="filters res-summary-filters">
        <Field label={t('web.res.summary.slice')}>
          <select
            className="select"
            value={current ? sliceKey(current) : ''}
            onChange={(e) => {
              setSlice(e.target.value);
              setPage(1);
            }}
          >
            {slices.map((d) => (
              <option key={sliceKey(d)} value={sliceKey(d)}>
                {d.procedureName} · {d.subjectName}
                {d.grade ? ` · ${t('web.res.grade', { grade: d.grade })}` : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('web.res.year')}>
          <select
            className="select"
            value={y ?? ''}
            onChange={(e) => {
              setYear(Number(e.target.value));
              setPage(1);
            }}
          >
            {years.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        {query && (
          <a
            className={btnClass('secondary')}
            style={{ alignSelf: 'flex-end' }}
            href={exportUrl('/api/results/summary/export', {
              procedure: query.procedure,
              subject: query.subject,
              grade: query.grade,
              year: query.year,
              sort: query.sort,
              order: query.order,
            })}
            download
          >
            <Icon name="download" />
            {t('web.res.export')}
          </a>
        )}
      </div>
      <Card title={t('web.res.summary.municipalities')} flush>
        <TotalsTable
          rows={munis}
          region={summary.data?.region}
          loading={!summary.data}
          sort={muniSort}
          onSort={(k) =>
            setMuniSort((s) => ({
              key: k,
              order:
                s.key === k ? (s.order === 'asc' ? 'desc' : 'asc') : NUMERIC.includes(k) ? 'desc' : 'asc',
            }))
          }
        />
      </Card>
      <Card title={t('web.res.summary.schools')} flush>
        <TotalsTable
          rows={summary.data?.items ?? []}
          loading={!summary.data}
          sort={sort}
          onSort={onSort}
          schools
        />
        {summary.data && summary.data.total > summary.data.pageSize && (
          <Pagination
            page={page}
            pageSize={summary.data.pageSize}
            total={summary.data.total}
            onPage={setPage}
          />
        )}
      </Card>
    </div>
  );
}

function TotalsTable({
  rows,
  region,
  loading,
  sort,
  onSort,
  schools,
}: {
  rows: Row[];
  region?: Summary['region'] | undefined;
  loading: boolean;
  sort: { key: Sort; order: 'asc' | 'desc' };
  onSort: (k: Sort) => void;
  schools?: boolean;
}) {
  const t = useT();
  const [locale] = useLocale();
  const n = (v: number | null | undefined) => formatNumber(v, locale);
  const pc = (v: number | null | undefined) => formatPercent(v, locale);
  const h = (k: Sort, label: string, numeric = true) => (
    <SortHeader
      label={label}
      active={sort.key === k}
      order={sort.order}
      onSort={() => onSort(k)}
      numeric={numeric}
    />
  );
  const cells = (r: Summary['region']) => (
    <>
      {!schools && <td className="num">{n(r.schools)}</td>}
      <td className="num">{n(r.participants)}</td>
      <td className="num">{n(r.belowMin)}</td>
      <td className="num">{pc(r.belowMinShare)}</td>
      <td className="num">{n(r.meanScore)}</td>
      <td className="num">{pc(r.marks?.[2])}</td>
      <td className="num">{pc(r.marks?.[5])}</td>
    </>
  );
  return (
    <div className="table-wrap tall">
      <table className="table">
        <thead>
          <tr>
            {h('name', schools ? t('web.res.summary.school') : t('web.res.who.municipality'), false)}
            {schools && h('municipality', t('web.res.who.municipality'), false)}
            {!schools && <th className="num">{t('web.res.table.schools')}</th>}
            {h('participants', t('web.res.table.participants'))}
            <th className="num">{t('web.res.table.belowMin')}</th>
            {h('belowMinShare', t('web.res.table.belowMinShare'))}
            {h('meanScore', t('web.res.table.mean'))}
            {h('mark2Share', t('web.res.table.markShare', { mark: 2 }))}
            {h('mark5Share', t('web.res.table.markShare', { mark: 5 }))}
          </tr>
        </thead>
        <tbody>
          {loading ? (
            <SkeletonRows cols={schools ? 8 : 8} rows={5} />
          ) : (
            rows.map((r) =>
              'schoolId' in r ? (
                <tr key={r.schoolId}>
                  <td className="res-summary-name">
                    <Link to="/schools/$id/results" params={{ id: String(r.schoolId) }}>
                      {r.shortName}
                    </Link>
                    <div className="cell-sub mono">{r.code}</div>
                  </td>
                  <td className="res-summary-name">{r.municipalityName}</td>
                  {cells(r)}
                </tr>
              ) : (
                <tr key={r.municipalityId}>
                  <td className="cell-main res-summary-name">{r.municipalityName}</td>
                  {cells(r)}
                </tr>
              ),
            )
          )}
        </tbody>
        {region && (
          <tfoot>
            <tr>
              <td>{t('web.res.who.region')}</td>
              {cells(region)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
