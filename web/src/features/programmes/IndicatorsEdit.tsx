import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Alert } from '../../ui/States';
import { useSaveIndicators, type Indicator } from './api';
import {
  checkNewYear,
  indicatorsBody,
  validateIndicators,
  type IndicatorDraft,
  type IndicatorErrors,
} from './model';

const toDraft = (r: Indicator): IndicatorDraft => ({
  number: r.number ?? '',
  name: r.name,
  unit: r.unit ?? '',
  baseline: r.baseline === null ? '' : String(r.baseline),
  baselineYear: r.baselineYear === null ? '' : String(r.baselineYear),
  targets: Object.fromEntries(
    r.targets.filter((x) => x.year !== null).map((x) => [x.year, x.value === null ? '' : String(x.value)]),
  ),
  undated: r.targets.filter((x): x is { year: null; value: number | null } => x.year === null),
});

const emptyRow = (): IndicatorDraft => ({
  number: '',
  name: '',
  unit: '',
  baseline: '',
  baselineYear: '',
  targets: {},
});

/** Edit the table of target indicators: rows, the baseline, a column per target year. */
export function IndicatorsEditDialog({
  programmeId,
  rows: initial,
  defaultYears,
  onClose,
}: {
  programmeId: number;
  rows: Indicator[];
  /** year columns to offer when the table has none yet */
  defaultYears: number[];
  onClose: () => void;
}) {
  const t = useT();
  const save = useSaveIndicators(programmeId);
  const [rows, setRows] = useState<IndicatorDraft[]>(() =>
    initial.length ? initial.map(toDraft) : [emptyRow()],
  );
  const [years, setYears] = useState<number[]>(() => {
    const ys = [
      ...new Set(initial.flatMap((r) => r.targets.map((x) => x.year)).filter((y): y is number => y !== null)),
    ].sort((a, b) => a - b);
    return ys.length ? ys : defaultYears;
  });
  const [newYear, setNewYear] = useState('');
  const [yearError, setYearError] = useState<string | null>(null);
  const [shown, setShown] = useState<IndicatorErrors | null>(null);
  const serverErrors = isApiError(save.error) ? save.error.fieldErrors : {};

  const errors = shown ? validateIndicators(rows, years) : null;
  const update = (i: number, patch: Partial<IndicatorDraft>) =>
    setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const msg = (p: string | undefined) => (p ? t(`web.prog.ind.err.${p}`) : undefined);

  const addYear = () => {
    const y = checkNewYear(newYear, years);
    if (typeof y !== 'number') {
      setYearError(t(`web.prog.ind.err.${y}`));
      return;
    }
    setYears([...years, y].sort((a, b) => a - b));
    setNewYear('');
    setYearError(null);
  };
  const removeYear = (y: number) => setYears(years.filter((x) => x !== y));
  const submit = () => {
    const e = validateIndicators(rows, years);
    setShown(e);
    if (e.some((x) => Object.keys(x).length > 0)) return;
    save.mutate(indicatorsBody(rows, years), { onSuccess: onClose });
  };
  const invalid = errors?.some((x) => Object.keys(x).length > 0);

  const cell = (i: number, k: 'number' | 'name' | 'unit' | 'baseline' | 'baselineYear', label: string) => {
    const err = errors?.[i]?.[k as keyof IndicatorErrors[number]];
    return (
      <input
        className="input"
        aria-label={`${label}, ${i + 1}`}
        aria-invalid={err ? true : undefined}
        title={msg(err)}
        inputMode={k === 'baseline' || k === 'baselineYear' ? 'decimal' : undefined}
        value={rows[i]?.[k] ?? ''}
        onChange={(e) => update(i, { [k]: e.target.value })}
      />
    );
  };

  return (
    <Dialog
      open
      wide
      title={t('web.prog.ind.edit')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('web.action.cancel')}</Button>
          <Button variant="primary" busy={save.isPending} onClick={submit}>
            {t('web.action.save')}
          </Button>
        </>
      }
    >
      <div className="stack">
        {save.isError && (
          <Alert tone="error">
            {save.error.message}
            {Object.entries(serverErrors).map(([k, v]) => (
              <div key={k} className="small">
                {/^\d+$/.test(k) ? t('web.prog.ind.rowN', { n: String(Number(k) + 1) }) : k}: {v}
              </div>
            ))}
          </Alert>
        )}
        {invalid && <Alert tone="error">{t('web.prog.ind.err.summary')}</Alert>}
        <div className="table-wrap ind-edit">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{t('web.prog.ind.name')} *</th>
                <th scope="col">{t('web.prog.ind.unit')}</th>
                <th scope="col">{t('web.prog.ind.baseline')}</th>
                <th scope="col">{t('web.prog.ind.baselineYear')}</th>
                {years.map((y) => (
                  <th key={y} scope="col" className="nowrap">
                    {y}{' '}
                    <button
                      type="button"
                      className="ind-x"
                      aria-label={t('web.prog.ind.removeYear', { year: String(y) })}
                      title={t('web.prog.ind.removeYear', { year: String(y) })}
                      onClick={() => removeYear(y)}
                    >
                      ×
                    </button>
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">{t('web.prog.ind.removeRow')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const e = errors?.[i] ?? {};
                const rowMsgs = [e.name, e.unit, e.baseline, e.baselineYear, e.targets]
                  .filter(Boolean)
                  .map((p) => msg(p));
                return [
                  <tr key={`r${i}`}>
                    <td className="ind-num">{cell(i, 'number', '№')}</td>
                    <td className="ind-name">{cell(i, 'name', t('web.prog.ind.name'))}</td>
                    <td className="ind-unit">{cell(i, 'unit', t('web.prog.ind.unit'))}</td>
                    <td className="ind-val">{cell(i, 'baseline', t('web.prog.ind.baseline'))}</td>
                    <td className="ind-year">{cell(i, 'baselineYear', t('web.prog.ind.baselineYear'))}</td>
                    {years.map((y) => {
                      const v = r.targets[y] ?? '';
                      const bad = e.targets && Number.isNaN(Number(v.replace(/\s/g, '').replace(',', '.')));
                      return (
                        <td key={y} className="ind-val">
                          <input
                            className="input"
                            inputMode="decimal"
                            aria-label={`${y}, ${i + 1}`}
                            aria-invalid={bad ? true : undefined}
                            value={v}
                            onChange={(ev) => update(i, { targets: { ...r.targets, [y]: ev.target.value } })}
                          />
                        </td>
                      );
                    })}
                    <td>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon="close"
                        aria-label={t('web.prog.ind.removeRow')}
                        title={t('web.prog.ind.removeRow')}
                        onClick={() => setRows(rows.filter((_, k) => k !== i))}
                      />
                    </td>
                  </tr>,
                  rowMsgs.length > 0 && (
                    <tr key={`e${i}`} className="ind-err-row">
                      <td colSpan={years.length + 6}>
                        <span className="field-error" role="alert">
                          {t('web.prog.ind.rowN', { n: String(i + 1) })}: {rowMsgs.join('; ')}
                        </span>
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        </div>
        <div className="row ind-tools">
          <Button size="sm" icon="plus" onClick={() => setRows([...rows, emptyRow()])}>
            {t('web.prog.ind.addRow')}
          </Button>
          <span className="ind-addyear">
            <input
              className="input"
              inputMode="numeric"
              placeholder={t('web.prog.ind.yearPlaceholder')}
              aria-label={t('web.prog.ind.addYear')}
              aria-invalid={yearError ? true : undefined}
              value={newYear}
              onChange={(e) => setNewYear(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addYear();
                }
              }}
            />
            <Button size="sm" icon="plus" onClick={addYear}>
              {t('web.prog.ind.addYear')}
            </Button>
          </span>
          {yearError && (
            <span className="field-error" role="alert">
              {yearError}
            </span>
          )}
        </div>
        <p className="muted small" style={{ margin: 0 }}>
          {t('web.prog.ind.hint')}
        </p>
      </div>
    </Dialog>
  );
}
