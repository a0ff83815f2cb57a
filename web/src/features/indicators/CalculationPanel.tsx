import { useRef } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Field';
import { Pagination } from '../../ui/Table';
import { Alert, ErrorState, SkeletonBlock } from '../../ui/States';
import {
  evidenceUrl,
  useAttachEvidence,
  useBasis,
  useBreakdown,
  useCatalogue,
  type Breakdown,
  type IndicatorRow,
  type IndicatorValue,
} from './api';
import { figureLines, formatCount, formatValue, paramsInWords } from './model';
import { AchievementBadge, MethodBadge } from './parts';
import type { IndicatorPanelSearch } from './search';

const route = getRouteApi('/_app/programmes/$id');
const PAGE = 20;

/**
 * The calculation behind one year's value: value = numerator / denominator, counted and missing
 * schools, fingerprint and time; drill-down region → municipality → school → basis records.
 * The position of the drill-down lives in the URL (ind, indYear, indMuni, indNoData, indPage, indSchool).
 */
export function CalculationView({
  row,
  year,
  canEdit,
  onEditManual,
}: {
  row: IndicatorRow;
  year: number;
  canEdit: boolean;
  onEditManual: (year: number) => void;
}) {
  const t = useT();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const value = row.values.find((v) => v.year === year) ?? null;
  const set = (patch: Partial<IndicatorPanelSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const valueYears = row.values.map((v) => v.year).sort((a, b) => a - b);

  return (
    <div className="stack">
      {valueYears.length > 1 && (
        <div className="row ind-years" role="group" aria-label={t('web.indicators.calc.otherYears')}>
          <span className="muted small">{t('web.indicators.calc.otherYears')}:</span>
          {valueYears.map((y) => (
            <Button
              key={y}
              size="sm"
              variant={y === year ? 'primary' : 'secondary'}
              aria-pressed={y === year}
              onClick={() =>
                set({
                  indYear: y,
                  indMuni: undefined,
                  indSchool: undefined,
                  indPage: undefined,
                  indNoData: undefined,
                })
              }
            >
              {y}
            </Button>
          ))}
        </div>
      )}
      {!value ? (
        <Alert tone="info">{t('web.indicators.calc.noValue', { year: String(year) })}</Alert>
      ) : value.method === 'manual' ? (
        <ManualValueFacts row={row} value={value} canEdit={canEdit} onEdit={() => onEditManual(year)} />
      ) : (
        <ComputedValue row={row} value={value} search={search} set={set} />
      )}
    </div>
  );
}

function ManualValueFacts({
  row,
  value,
  canEdit,
  onEdit,
}: {
  row: IndicatorRow;
  value: IndicatorValue;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <div className="stack">
      <div className="ind-formula">
        <span className="ind-formula-value">{formatValue(value.value, row.unit, locale, t)}</span>
        <AchievementBadge a={value.achievement} />
        {value.target !== null && (
          <span className="muted">
            {t('web.indicators.targetIs', { value: formatValue(value.target, row.unit, locale, t) })}
          </span>
        )}
      </div>
      <dl className="dl ind-facts">
        <dt>{t('web.indicators.method')}</dt>
        <dd>
          <MethodBadge method="manual" />
        </dd>
        <dt>{t('web.indicators.source')}</dt>
        <dd>{value.source ?? '—'}</dd>
        {value.comment && (
          <>
            <dt>{t('web.indicators.comment')}</dt>
            <dd>{value.comment}</dd>
          </>
        )}
        <dt>{t('web.indicators.enteredBy')}</dt>
        <dd>
          {value.computedByName ?? '—'}, {formatDateTime(value.computedAt)}
        </dd>
        <dt>{t('web.indicators.evidence')}</dt>
        <dd>
          {value.evidenceName ? (
            <a href={evidenceUrl(row.id, value.year)} download>
              {value.evidenceName}
            </a>
          ) : (
            t('web.indicators.evidence.none')
          )}
        </dd>
      </dl>
      {canEdit && <EvidenceUpload row={row} year={value.year} replace={value.evidenceName !== null} />}
      {canEdit && (
        <div>
          <Button icon="edit" onClick={onEdit}>
            {t('web.indicators.manual.edit')}
          </Button>
        </div>
      )}
    </div>
  );
}

function EvidenceUpload({ row, year, replace }: { row: IndicatorRow; year: number; replace: boolean }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const attach = useAttachEvidence(row.programmeId);
  return (
    <div className="stack">
      <input
        ref={input}
        type="file"
        hidden
        aria-label={t('web.indicators.evidence.attach')}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) attach.mutate({ id: row.id, year, file });
          e.currentTarget.value = '';
        }}
      />
      <div>
        <Button icon="upload" busy={attach.isPending} onClick={() => input.current?.click()}>
          {t(replace ? 'web.indicators.evidence.replace' : 'web.indicators.evidence.attach')}
        </Button>
      </div>
      {attach.error && <Alert tone="error">{attach.error.message}</Alert>}
    </div>
  );
}

function ComputedValue({
  row,
  value,
  search,
  set,
}: {
  row: IndicatorRow;
  value: IndicatorValue;
  search: IndicatorPanelSearch;
  set: (patch: Partial<IndicatorPanelSearch>) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const catalogue = useCatalogue();
  const fields = catalogue.data?.fields ?? [];
  const muni = search.indMuni;
  const page = search.indPage ?? 1;
  const noDataOnly = search.indNoData === '1';
  const q = {
    limit: PAGE,
    offset: (page - 1) * PAGE,
    ...(muni !== undefined && muni > 0 ? { municipalityId: muni } : {}),
    ...(noDataOnly ? { noData: 'true' as const } : {}),
  };
  const bd = useBreakdown(row.id, value.year, q);
  const fmt = (v: number | null | undefined) => formatValue(v, row.unit, locale, t);
  const words = paramsInWords(row.calculation, row.params, fields, t);
  const calcTitle = catalogue.data?.calculations.find((c) => c.name === row.calculation)?.title;
  const munName = (id: number | undefined) =>
    id === undefined
      ? null
      : (bd.data?.municipalities.find((m) => (m.municipalityId ?? 0) === id)?.name ?? '…');

  return (
    <div className="stack">
      <div className="ind-formula" data-testid="ind-formula">
        <span className="ind-formula-value">{fmt(value.value)}</span>
        {value.numerator !== null && value.denominator !== null && (
          <span className="ind-formula-parts">
            = {formatCount(value.numerator, locale)} / {formatCount(value.denominator, locale)}
            {row.unit === 'percent' ? ' × 100' : ''}
          </span>
        )}
        <AchievementBadge a={value.achievement} />
        {value.target !== null && (
          <span className="muted">{t('web.indicators.targetIs', { value: fmt(value.target) })}</span>
        )}
      </div>
      {value.noData && (
        <Alert tone="warn">
          {t('web.indicators.noData')}: {value.noData.message}
        </Alert>
      )}
      <dl className="dl ind-facts">
        <dt>{t('web.indicators.numerator')}</dt>
        <dd>
          <strong>{formatCount(value.numerator, locale)}</strong>
          {row.numeratorLabel && <span className="muted"> — {row.numeratorLabel}</span>}
        </dd>
        <dt>{t('web.indicators.denominator')}</dt>
        <dd>
          <strong>{formatCount(value.denominator, locale)}</strong>
          {row.denominatorLabel && <span className="muted"> — {row.denominatorLabel}</span>}
        </dd>
        <dt>{t('web.indicators.calc.schools')}</dt>
        <dd>
          {t('web.indicators.calc.countedMissing', {
            counted: String(value.counted),
            missing: String(value.missing),
          })}
        </dd>
        <dt>{t('web.indicators.calculation')}</dt>
        <dd>
          {calcTitle ?? row.calculation}
          {words && <div className="small muted">{words}</div>}
        </dd>
        <dt>{t('web.indicators.calc.computedAt')}</dt>
        <dd>
          {formatDateTime(value.computedAt)}
          {value.computedByName ? `, ${value.computedByName}` : ''}
        </dd>
        <dt>{t('web.indicators.calc.fingerprint')}</dt>
        <dd>
          <code className="mono small ind-fp" title={value.fingerprint ?? ''}>
            {value.fingerprint ? value.fingerprint.slice(0, 16) : '—'}
          </code>
          <div className="small muted">{t('web.indicators.calc.fingerprintHint')}</div>
        </dd>
      </dl>

      <nav className="ind-crumbs" aria-label={t('web.indicators.calc.drill')}>
        <button
          type="button"
          className="ind-link"
          aria-current={muni === undefined && !search.indSchool ? 'page' : undefined}
          onClick={() => set({ indMuni: undefined, indSchool: undefined, indPage: undefined })}
        >
          {t('web.indicators.calc.region')}
        </button>
        {muni !== undefined && (
          <>
            <span aria-hidden>›</span>
            <button
              type="button"
              className="ind-link"
              aria-current={!search.indSchool ? 'page' : undefined}
              onClick={() => set({ indSchool: undefined })}
            >
              {munName(muni)}
            </button>
          </>
        )}
        {search.indSchool !== undefined && (
          <>
            <span aria-hidden>›</span>
            <span aria-current="page">
              {bd.data?.schools.items.find((s) => s.schoolId === search.indSchool)?.name ??
                t('web.indicators.calc.school')}
            </span>
          </>
        )}
      </nav>

      {bd.isPending ? (
        <SkeletonBlock lines={6} />
      ) : bd.isError ? (
        <ErrorState error={bd.error} onRetry={() => void bd.refetch()} />
      ) : search.indSchool !== undefined ? (
        <BasisView row={row} year={value.year} schoolId={search.indSchool} fields={fields} />
      ) : muni === 0 ? (
        <BasisView row={row} year={value.year} schoolId={null} fields={fields} />
      ) : (
        <>
          {muni === undefined && (
            <MunicipalitiesTable
              bd={bd.data}
              unit={row.unit}
              onPick={(id) => set({ indMuni: id, indPage: undefined })}
            />
          )}
          {muni !== undefined && <MunicipalityFigure bd={bd.data} id={muni} unit={row.unit} />}
          <SchoolsTable
            bd={bd.data}
            unit={row.unit}
            page={page}
            noDataOnly={noDataOnly}
            showMunicipality={muni === undefined}
            onNoData={(v) => set({ indNoData: v ? '1' : undefined, indPage: undefined })}
            onPage={(p) => set({ indPage: p > 1 ? p : undefined })}
            onPick={(id) => set({ indSchool: id })}
          />
        </>
      )}
    </div>
  );
}

function MunicipalityFigure({ bd, id, unit }: { bd: Breakdown; id: number; unit: IndicatorRow['unit'] }) {
  const t = useT();
  const [locale] = useLocale();
  const m = bd.municipalities.find((x) => (x.municipalityId ?? 0) === id);
  if (!m) return null;
  return (
    <div className="ind-subfigure">
      <strong>{m.name}</strong>:{' '}
      {m.value !== null ? (
        <>
          {formatValue(m.value, unit, locale, t)} = {formatCount(m.numerator, locale)} /{' '}
          {formatCount(m.denominator, locale)}
        </>
      ) : (
        <span className="muted">
          {t('web.indicators.noData')}
          {m.noData ? `: ${m.noData.message}` : ''}
        </span>
      )}
    </div>
  );
}

function MunicipalitiesTable({
  bd,
  unit,
  onPick,
}: {
  bd: Breakdown;
  unit: IndicatorRow['unit'];
  onPick: (id: number) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  if (!bd.municipalities.length) return null;
  return (
    <section className="stack" aria-labelledby="ind-munis">
      <h3 id="ind-munis" className="ind-h3">
        {t('web.indicators.calc.byMunicipality')}
      </h3>
      <div className="table-wrap">
        <table className="table ind-drill">
          <thead>
            <tr>
              <th scope="col">{t('web.indicators.calc.municipality')}</th>
              <th scope="col" className="num">
                {t('web.indicators.numerator')}
              </th>
              <th scope="col" className="num">
                {t('web.indicators.denominator')}
              </th>
              <th scope="col" className="num">
                {t('web.indicators.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bd.municipalities.map((m) => (
              <tr key={m.municipalityId ?? 0}>
                <td>
                  <button type="button" className="ind-link" onClick={() => onPick(m.municipalityId ?? 0)}>
                    {m.name}
                  </button>
                </td>
                <td className="num">{formatCount(m.numerator, locale)}</td>
                <td className="num">{formatCount(m.denominator, locale)}</td>
                <td className="num">
                  {m.value !== null ? (
                    formatValue(m.value, unit, locale, t)
                  ) : (
                    <span className="ind-nodata" title={m.noData?.message}>
                      {t('web.indicators.noData')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SchoolsTable({
  bd,
  unit,
  page,
  noDataOnly,
  showMunicipality,
  onNoData,
  onPage,
  onPick,
}: {
  bd: Breakdown;
  unit: IndicatorRow['unit'];
  page: number;
  noDataOnly: boolean;
  showMunicipality: boolean;
  onNoData: (v: boolean) => void;
  onPage: (p: number) => void;
  onPick: (schoolId: number) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const munName = new Map(bd.municipalities.map((m) => [m.municipalityId, m.name]));
  return (
    <section className="stack" aria-labelledby="ind-schools">
      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <h3 id="ind-schools" className="ind-h3">
          {t('web.indicators.calc.bySchool', { n: String(bd.schools.total) })}
        </h3>
        <Checkbox label={t('web.indicators.calc.noDataOnly')} checked={noDataOnly} onChange={onNoData} />
      </div>
      {bd.schools.items.length === 0 ? (
        <p className="muted">{t('web.indicators.calc.noSchools')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table ind-drill">
            <thead>
              <tr>
                <th scope="col">{t('web.indicators.calc.school')}</th>
                <th scope="col" className="num">
                  {t('web.indicators.numerator')}
                </th>
                <th scope="col" className="num">
                  {t('web.indicators.denominator')}
                </th>
                <th scope="col" className="num">
                  {t('web.indicators.value')}
                </th>
              </tr>
            </thead>
            <tbody>
              {bd.schools.items.map((s) => (
                <tr key={s.schoolId}>
                  <td>
                    <button type="button" className="ind-link" onClick={() => onPick(s.schoolId)}>
                      {s.name}
                    </button>
                    <div className="cell-sub">
                      {s.code}
                      {showMunicipality && munName.get(s.municipalityId)
                        ? ` · ${munName.get(s.municipalityId)}`
                        : ''}
                    </div>
                  </td>
                  <td className="num">{s.noData ? '—' : formatCount(s.numerator, locale)}</td>
                  <td className="num">{s.noData ? '—' : formatCount(s.denominator, locale)}</td>
                  <td className="num">
                    {s.noData ? (
                      <span className="ind-nodata-block">
                        <span className="ind-nodata">{t('web.indicators.noData')}</span>
                        <span className="cell-sub">{s.noData.message}</span>
                      </span>
                    ) : (
                      formatValue(s.value, unit, locale, t)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bd.schools.total > PAGE && (
        <Pagination page={page} pageSize={PAGE} total={bd.schools.total} onPage={onPage} />
      )}
    </section>
  );
}

function BasisView({
  row,
  year,
  schoolId,
  fields,
}: {
  row: IndicatorRow;
  year: number;
  schoolId: number | null;
  fields: Array<{ field: string; title: string; unit: string }>;
}) {
  const t = useT();
  const [locale] = useLocale();
  const q = useBasis(row.id, year, schoolId);
  if (q.isPending) return <SkeletonBlock lines={4} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const b = q.data;
  return (
    <section className="stack" aria-labelledby="ind-basis">
      <h3 id="ind-basis" className="ind-h3">
        {b.name}
        {b.schoolId !== null && (
          <>
            {' '}
            <Link to="/schools/$id" params={{ id: String(b.schoolId) }} className="small">
              {t('web.indicators.calc.schoolCard')}
            </Link>
          </>
        )}
      </h3>
      <div className="ind-subfigure">
        {b.noData ? (
          <span>
            <span className="ind-nodata">{t('web.indicators.noData')}</span>: {b.noData.message}
          </span>
        ) : (
          <>
            {formatValue(b.value, row.unit, locale, t)} = {formatCount(b.numerator, locale)} /{' '}
            {formatCount(b.denominator, locale)}
          </>
        )}
      </div>
      {b.changed && <Alert tone="warn">{t('web.indicators.calc.changed')}</Alert>}
      {b.basis.length === 0 ? (
        <p className="muted">{t('web.indicators.calc.noBasis')}</p>
      ) : (
        <ul className="ind-basis">
          {b.basis.map((r, i) => (
            <li key={i} className={r.counted === false ? 'ind-basis-item not-counted' : 'ind-basis-item'}>
              <div className="ind-basis-head">
                <span className="ind-basis-label">{r.label}</span>
                {r.counted !== undefined && (
                  <span className={r.counted ? 'badge badge-green' : 'badge'}>
                    {r.counted ? t('web.indicators.calc.counted') : t('web.indicators.calc.notCounted')}
                  </span>
                )}
              </div>
              <dl className="ind-figures">
                {figureLines(r.figures, fields, locale, t).map((f) => (
                  <div key={f.key}>
                    <dt>{f.label}</dt>
                    <dd>{f.value}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
