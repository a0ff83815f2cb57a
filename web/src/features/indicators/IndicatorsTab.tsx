import { lazy, Suspense, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useLocale, useT } from '../../i18n';
import { btnClass, Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/icons';
import { EmptyState, ErrorState, SkeletonBlock } from '../../ui/States';
import { exportUrl, useCatalogue, useIndicatorTable, type IndicatorRow } from './api';
import { CalculationView } from './CalculationPanel';
import {
  AddIndicatorDialog,
  ComputeDialog,
  DeleteIndicatorDialog,
  EditIndicatorDialog,
  ManualValueDialog,
} from './Dialogs';
import { defaultComputeYear, formatValue, paramsInWords, tableYears, yearCells } from './model';
import { AchievementBadge, AchievementLegend, MethodBadge } from './parts';
import { CLOSED_PANEL } from './search';
import './indicators.css';

const IndicatorChart = lazy(() => import('./IndicatorChart'));
const route = getRouteApi('/_app/programmes/$id');

type Modal =
  | { kind: 'add' }
  | { kind: 'edit'; row: IndicatorRow }
  | { kind: 'delete'; row: IndicatorRow }
  | { kind: 'manual'; row: IndicatorRow; year: number }
  | { kind: 'compute'; row: IndicatorRow | null };

/**
 * The programme's «Показатели» tab: indicators × years (baseline, target, actual with its
 * achievement), actions for those who may edit, the chart and the calculation behind a value.
 */
export function IndicatorsTab({ programmeId, periodYears }: { programmeId: number; periodYears: number[] }) {
  const t = useT();
  const [locale] = useLocale();
  const q = useIndicatorTable(programmeId);
  const catalogue = useCatalogue();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [modal, setModal] = useState<Modal | null>(null);
  if (q.isPending) return <SkeletonBlock lines={6} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const table = q.data;
  const years = tableYears(table.years, periodYears);
  const rows = table.indicators;
  const canEdit = table.canEdit;
  const anyComputed = rows.some((r) => r.method === 'computed');
  const fields = catalogue.data?.fields ?? [];
  const calcTitle = (name: string | null) =>
    catalogue.data?.calculations.find((c) => c.name === name)?.title ?? name ?? '';
  const fmt = (r: IndicatorRow, v: number | null) => formatValue(v, r.unit, locale, t);

  const open = (row: IndicatorRow, view: 'chart' | 'calc', year?: number) =>
    void navigate({
      search: (prev) => ({ ...prev, ...CLOSED_PANEL, ind: row.id, indView: view, indYear: year }),
    });
  const close = () => void navigate({ search: (prev) => ({ ...prev, ...CLOSED_PANEL }) });
  const panelRow = search.ind ? rows.find((r) => r.id === search.ind) : undefined;
  const close2 = () => setModal(null);

  return (
    <Card
      title={t('web.indicators.title')}
      flush
      actions={
        <div className="row ind-actions">
          <a className={btnClass('secondary', 'sm')} href={exportUrl(programmeId, locale)} download>
            <Icon name="download" size={15} />
            {t('web.indicators.export')}
          </a>
          {canEdit && anyComputed && (
            <Button size="sm" icon="refresh" onClick={() => setModal({ kind: 'compute', row: null })}>
              {t('web.indicators.computeYear')}
            </Button>
          )}
          {canEdit && (
            <Button size="sm" variant="primary" icon="plus" onClick={() => setModal({ kind: 'add' })}>
              {t('web.indicators.add.button')}
            </Button>
          )}
        </div>
      }
    >
      {rows.length === 0 ? (
        <EmptyState title={t('web.indicators.empty.title')} icon="chart">
          {canEdit ? t('web.indicators.empty.canEdit') : t('web.indicators.empty.readOnly')}
        </EmptyState>
      ) : (
        <>
          <div className="ind-toolbar">
            <AchievementLegend />
            <span className="small muted">
              {t('web.indicators.catalogueLink')}{' '}
              <Link to="/indicators">{t('web.indicators.catalogueTitle')}</Link>
            </span>
          </div>
          <div className="table-wrap">
            <table className="table ind-table">
              <thead>
                <tr>
                  <th scope="col" className="ind-col-name">
                    {t('web.indicators.col.indicator')}
                  </th>
                  <th scope="col" className="num">
                    {t('web.indicators.col.baseline')}
                  </th>
                  {years.map((y) => (
                    <th key={y} scope="col" className="ind-col-year">
                      {y}
                      <span className="ind-th-sub">{t('web.indicators.col.targetActual')}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.id} data-testid={`ind-row-${r.id}`}>
                    <th scope="row" className="ind-col-name">
                      <div className="ind-name">
                        <span className="ind-num">{r.number ?? i + 1}.</span> {r.name}
                      </div>
                      <div className="ind-meta">
                        <MethodBadge method={r.method} />
                        <span className="small muted">
                          {r.unitLabel} · {t(`web.indicators.direction.${r.direction}`)}
                        </span>
                      </div>
                      {r.method === 'computed' ? (
                        <div className="small muted ind-source">
                          {t('web.indicators.sourceComputed')}: {calcTitle(r.calculation)}
                          {paramsInWords(r.calculation, r.params, fields, t)
                            ? ` (${paramsInWords(r.calculation, r.params, fields, t)})`
                            : ''}
                        </div>
                      ) : (
                        r.dataNote && <div className="small ind-datanote">{r.dataNote}</div>
                      )}
                      <div className="ind-row-tools">
                        <Button
                          size="sm"
                          variant="ghost"
                          icon="chart"
                          onClick={() => open(r, 'chart')}
                          aria-label={t('web.indicators.chart.open', { name: r.name })}
                          title={t('web.indicators.chart.button')}
                        >
                          {t('web.indicators.chart.short')}
                        </Button>
                        {canEdit && r.method === 'computed' && (
                          <Button
                            size="sm"
                            variant="ghost"
                            icon="refresh"
                            onClick={() => setModal({ kind: 'compute', row: r })}
                            aria-label={t('web.indicators.compute.one', { name: r.name })}
                            title={t('web.indicators.compute.titleOne')}
                          >
                            {t('web.indicators.compute.short')}
                          </Button>
                        )}
                        {canEdit && r.method === 'manual' && (
                          <Button
                            size="sm"
                            variant="ghost"
                            icon="plus"
                            onClick={() =>
                              setModal({ kind: 'manual', row: r, year: defaultComputeYear(years) })
                            }
                            aria-label={t('web.indicators.manual.enterFor', { name: r.name, year: '' })}
                            title={t('web.indicators.manual.title')}
                          >
                            {t('web.indicators.manual.enter')}
                          </Button>
                        )}
                        {canEdit && (
                          <Button
                            size="sm"
                            variant="ghost"
                            icon="edit"
                            onClick={() => setModal({ kind: 'edit', row: r })}
                            aria-label={t('web.indicators.edit.for', { name: r.name })}
                            title={t('web.indicators.edit.title')}
                          />
                        )}
                        {canEdit && (
                          <Button
                            size="sm"
                            variant="ghost"
                            icon="close"
                            onClick={() => setModal({ kind: 'delete', row: r })}
                            aria-label={t('web.indicators.delete.for', { name: r.name })}
                            title={t('web.indicators.delete.title')}
                          />
                        )}
                      </div>
                    </th>
                    <td className="num ind-baseline" data-label={t('web.indicators.col.baseline')}>
                      {fmt(r, r.baseline)}
                      {r.baselineYear !== null && (
                        <div className="cell-sub">
                          {t('web.indicators.inYear', { year: String(r.baselineYear) })}
                        </div>
                      )}
                    </td>
                    {yearCells(r, years).map((c) => (
                      <td key={c.year} className="ind-cell" data-label={String(c.year)}>
                        <div className="ind-target">
                          <span className="muted">{t('web.indicators.target')}</span> {fmt(r, c.target)}
                        </div>
                        {c.value ? (
                          <>
                            <button
                              type="button"
                              className="ind-actual"
                              aria-label={t('web.indicators.openCalc', {
                                name: r.name,
                                year: String(c.year),
                              })}
                              onClick={() => open(r, 'calc', c.year)}
                            >
                              <span className="muted">{t('web.indicators.actual')}</span>{' '}
                              {c.value.value !== null ? (
                                <strong>{fmt(r, c.value.value)}</strong>
                              ) : (
                                <span className="ind-nodata">{t('web.indicators.noData')}</span>
                              )}
                            </button>
                            {c.value.achievement === 'no_data' ? null : c.value.achievement === 'no_target' ||
                              c.target === null ? (
                              <div className="ind-reason">{t('web.indicators.noTarget')}</div>
                            ) : (
                              <AchievementBadge a={c.value.achievement} />
                            )}
                            {c.value.noData && <div className="ind-reason">{c.value.noData.message}</div>}
                            {c.value.method === 'manual' && c.value.source && (
                              <div className="ind-reason" title={c.value.comment ?? undefined}>
                                {t('web.indicators.sourceShort')}: {c.value.source}
                              </div>
                            )}
                          </>
                        ) : r.method === 'manual' && canEdit ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            icon="plus"
                            onClick={() => setModal({ kind: 'manual', row: r, year: c.year })}
                            aria-label={t('web.indicators.manual.enterFor', {
                              name: r.name,
                              year: String(c.year),
                            })}
                          >
                            {t('web.indicators.manual.enter')}
                          </Button>
                        ) : (
                          <div className="ind-reason muted">{t('web.indicators.notYet')}</div>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {modal?.kind === 'add' && (
        <AddIndicatorDialog
          programmeId={programmeId}
          years={years}
          existingCodes={rows.map((r) => r.code).filter((c): c is string => c !== null)}
          onClose={close2}
        />
      )}
      {modal?.kind === 'edit' && (
        <EditIndicatorDialog programmeId={programmeId} row={modal.row} years={years} onClose={close2} />
      )}
      {modal?.kind === 'delete' && (
        <DeleteIndicatorDialog programmeId={programmeId} row={modal.row} onClose={close2} />
      )}
      {modal?.kind === 'manual' && (
        <ManualValueDialog
          programmeId={programmeId}
          row={rows.find((r) => r.id === modal.row.id) ?? modal.row}
          years={years}
          year={modal.year}
          onClose={close2}
        />
      )}
      {modal?.kind === 'compute' && (
        <ComputeDialog
          programmeId={programmeId}
          row={modal.row}
          rows={rows}
          years={years}
          defaultYear={defaultComputeYear(years)}
          onClose={close2}
        />
      )}

      {panelRow && !modal && (
        <Dialog
          open
          wide
          title={
            search.indView === 'calc' && search.indYear
              ? t('web.indicators.calc.title', { year: String(search.indYear) })
              : t('web.indicators.chart.button')
          }
          onClose={close}
        >
          <div className="stack">
            <p className="ind-dialog-name">{panelRow.name}</p>
            {search.indView === 'calc' && search.indYear ? (
              <CalculationView
                row={panelRow}
                year={search.indYear}
                canEdit={canEdit}
                onEditManual={(y) => setModal({ kind: 'manual', row: panelRow, year: y })}
              />
            ) : (
              <Suspense fallback={<SkeletonBlock lines={6} />}>
                <IndicatorChart row={panelRow} years={years} />
              </Suspense>
            )}
          </div>
        </Dialog>
      )}
    </Card>
  );
}
