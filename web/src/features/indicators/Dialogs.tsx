import { useMemo, useState } from 'react';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/conflict';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, numberToInput, parseDecimal } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Badge } from '../../ui/Card';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert, ErrorState, SkeletonBlock } from '../../ui/States';
import {
  useAddIndicator,
  useCatalogue,
  useCompute,
  useDeleteIndicator,
  useDeleteValue,
  usePatchIndicator,
  useSaveManualValue,
  type ComputeResult,
  type IndicatorRow,
} from './api';
import {
  computeYears,
  fieldProblems,
  formatValue,
  matchesText,
  stripFieldPrefix,
  targetProblem,
  targetsBody,
  targetsDraft,
  UNITS,
  validateTargets,
  type DraftErrors,
  type TargetsDraft,
  type Unit,
} from './model';
import { MethodBadge } from './parts';

type T = ReturnType<typeof useT>;
const draftMsg = (t: T, p: string | undefined) => (p ? t(`web.indicators.err.${p}`) : undefined);

/** Baseline (value and year) and a target per year; errors at the fields (client, then server). */
function TargetsFields({
  draft,
  setDraft,
  years,
  unitLabel,
  errors,
  server,
  withName,
}: {
  draft: TargetsDraft;
  setDraft: (d: TargetsDraft) => void;
  years: number[];
  unitLabel: string;
  errors: DraftErrors | null;
  server: Record<string, string>;
  withName: boolean;
}) {
  const t = useT();
  const sv = (k: string) => (server[k] ? stripFieldPrefix(server[k]) : undefined);
  return (
    <div className="stack">
      {withName && (
        <div className="form-grid ind-name-grid">
          <Field label={t('web.indicators.number')} error={sv('number')}>
            <input
              className="input"
              value={draft.number}
              maxLength={20}
              onChange={(e) => setDraft({ ...draft, number: e.target.value })}
            />
          </Field>
          <Field label={t('web.indicators.name')} required error={draftMsg(t, errors?.name) ?? sv('name')}>
            <textarea
              className="textarea"
              rows={2}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          </Field>
        </div>
      )}
      <div className="form-grid ind-base-grid">
        <Field
          label={t('web.indicators.baselineUnit', { unit: unitLabel })}
          error={draftMsg(t, errors?.baseline) ?? sv('baseline')}
        >
          <input
            className="input"
            inputMode="decimal"
            value={draft.baseline}
            onChange={(e) => setDraft({ ...draft, baseline: e.target.value })}
          />
        </Field>
        <Field
          label={t('web.indicators.baselineYear')}
          error={draftMsg(t, errors?.baselineYear) ?? sv('baselineYear')}
        >
          <input
            className="input"
            inputMode="numeric"
            value={draft.baselineYear}
            onChange={(e) => setDraft({ ...draft, baselineYear: e.target.value })}
          />
        </Field>
      </div>
      <fieldset className="ind-targets">
        <legend>{t('web.indicators.targetsUnit', { unit: unitLabel })}</legend>
        <div className="ind-targets-grid">
          {years.map((y) => (
            <Field
              key={y}
              label={t('web.indicators.targetFor', { year: String(y) })}
              error={draftMsg(t, errors?.[`t${y}`]) ?? targetProblem(server, filledYears(draft, years), y)}
            >
              <input
                className="input"
                inputMode="decimal"
                value={draft.targets[y] ?? ''}
                onChange={(e) => setDraft({ ...draft, targets: { ...draft.targets, [y]: e.target.value } })}
              />
            </Field>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The years whose targets go into the body, in order (the server's `targets[i]` refers to them). */
const filledYears = (d: TargetsDraft, years: number[]) =>
  years.filter((y) => {
    const v = parseDecimal(d.targets[y] ?? '');
    return v !== null && !Number.isNaN(v);
  });

const hasErrors = (e: object) => Object.keys(e).length > 0;

/* ------------------------------------------------------------------------------------------------ */

/** Add an indicator: from the catalogue (searchable, with descriptions and data notes) or a custom one. */
export function AddIndicatorDialog({
  programmeId,
  years,
  existingCodes,
  onClose,
}: {
  programmeId: number;
  years: number[];
  existingCodes: string[];
  onClose: () => void;
}) {
  const t = useT();
  const catalogue = useCatalogue();
  const add = useAddIndicator(programmeId);
  const [mode, setMode] = useState<'catalogue' | 'custom'>('catalogue');
  const [q, setQ] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [unit, setUnit] = useState<Unit>('percent');
  const [direction, setDirection] = useState<'higher' | 'lower'>('higher');
  const [draft, setDraft] = useState<TargetsDraft>({
    number: '',
    name: '',
    baseline: '',
    baselineYear: '',
    targets: {},
  });
  const [shown, setShown] = useState(false);
  const defs = useMemo(
    () => (catalogue.data?.definitions ?? []).filter((d) => matchesText(d, q)),
    [catalogue.data, q],
  );
  const picked = catalogue.data?.definitions.find((d) => d.code === code) ?? null;
  const effUnit: Unit = mode === 'catalogue' ? (picked?.unit ?? 'percent') : unit;
  const draftForCheck = mode === 'catalogue' ? { ...draft, name: picked?.name ?? '' } : draft;
  const errors = shown ? validateTargets(draftForCheck, effUnit, years) : null;
  const server = isApiError(add.error) ? fieldProblems(add.error.details) : {};
  const unitLabel = t(`web.indicators.unit.${effUnit}`);

  const submit = () => {
    setShown(true);
    if (mode === 'catalogue' && !picked) return;
    if (hasErrors(validateTargets(draftForCheck, effUnit, years))) return;
    const body = targetsBody(draftForCheck, years);
    add.mutate(
      mode === 'catalogue'
        ? {
            code: picked!.code,
            number: body.number,
            baseline: body.baseline,
            baselineYear: body.baselineYear,
            targets: body.targets,
          }
        : {
            code: null,
            number: body.number,
            name: body.name,
            unit,
            direction,
            method: 'manual',
            baseline: body.baseline,
            baselineYear: body.baselineYear,
            targets: body.targets,
          },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      open
      wide
      title={t('web.indicators.add.title')}
      onClose={onClose}
      footer={
        <DialogActions
          action={t('web.indicators.add.submit')}
          onCancel={onClose}
          onAction={submit}
          busy={add.isPending}
        />
      }
    >
      <div className="stack">
        <div className="tabs" role="tablist">
          {(['catalogue', 'custom'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              className={mode === m ? 'tab active' : 'tab'}
              onClick={() => setMode(m)}
            >
              {t(`web.indicators.add.mode.${m}`)}
            </button>
          ))}
        </div>
        {add.isError && Object.keys(server).length === 0 && <Alert tone="error">{add.error.message}</Alert>}
        {mode === 'catalogue' ? (
          catalogue.isPending ? (
            <SkeletonBlock lines={6} />
          ) : catalogue.isError ? (
            <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />
          ) : (
            <>
              <Field label={t('web.indicators.add.search')}>
                <input
                  className="input input-search"
                  type="search"
                  value={q}
                  placeholder={t('web.indicators.add.searchPlaceholder')}
                  onChange={(e) => setQ(e.target.value)}
                />
              </Field>
              {shown && !picked && (
                <span className="field-error" role="alert">
                  {t('web.indicators.add.pickOne')}
                </span>
              )}
              <div
                className="ind-picker"
                role="radiogroup"
                aria-label={t('web.indicators.add.mode.catalogue')}
              >
                {defs.length === 0 && <p className="muted">{t('web.indicators.add.nothingFound')}</p>}
                {defs.map((d) => (
                  <label key={d.code} className={d.code === code ? 'ind-pick selected' : 'ind-pick'}>
                    <input
                      type="radio"
                      name="ind-code"
                      checked={d.code === code}
                      onChange={() => setCode(d.code)}
                    />
                    <span className="ind-pick-body">
                      <span className="ind-pick-name">{d.name}</span>
                      <span className="badges">
                        <MethodBadge method={d.method} />
                        <Badge>{t(`web.indicators.unit.${d.unit}`)}</Badge>
                        <Badge>{t(`web.indicators.direction.${d.direction}`)}</Badge>
                        {!d.builtin && <Badge tone="amber">{t('web.indicators.regionOwn')}</Badge>}
                        {existingCodes.includes(d.code) && (
                          <Badge tone="green">{t('web.indicators.add.already')}</Badge>
                        )}
                      </span>
                      {d.description && <span className="small muted">{d.description}</span>}
                      {d.dataNote && <span className="small ind-datanote">{d.dataNote}</span>}
                    </span>
                  </label>
                ))}
              </div>
            </>
          )
        ) : (
          <>
            <Alert tone="info">{t('web.indicators.add.customHint')}</Alert>
            <div className="form-grid ind-base-grid">
              <Field label={t('web.indicators.unitLabel')}>
                <select className="select" value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
                  {UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`web.indicators.unit.${u}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('web.indicators.directionLabel')}>
                <select
                  className="select"
                  value={direction}
                  onChange={(e) => setDirection(e.target.value as 'higher' | 'lower')}
                >
                  <option value="higher">{t('web.indicators.direction.higher')}</option>
                  <option value="lower">{t('web.indicators.direction.lower')}</option>
                </select>
              </Field>
            </div>
          </>
        )}
        {(mode === 'custom' || picked) && (
          <TargetsFields
            draft={draft}
            setDraft={setDraft}
            years={years}
            unitLabel={unitLabel}
            errors={errors}
            server={server}
            withName={mode === 'custom'}
          />
        )}
      </div>
    </Dialog>
  );
}

/** Change the number, name, baseline and targets of an indicator (with the version check). */
export function EditIndicatorDialog({
  programmeId,
  row,
  years: tableYears,
  onClose,
}: {
  programmeId: number;
  row: IndicatorRow;
  years: number[];
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const patch = usePatchIndicator(programmeId);
  const [draft, setDraft] = useState(() => targetsDraft(row, locale));
  const [extra, setExtra] = useState<number[]>([]);
  const [newYear, setNewYear] = useState('');
  const [shown, setShown] = useState(false);
  const years = useMemo(
    () =>
      [
        ...new Set([
          ...tableYears,
          ...row.targets.map((x) => x.year).filter((y): y is number => y !== null),
          ...extra,
        ]),
      ].sort((a, b) => a - b),
    [tableYears, row.targets, extra],
  );
  const errors = shown ? validateTargets(draft, row.unit, years) : null;
  const server = isApiError(patch.error) ? fieldProblems(patch.error.details) : {};
  const conflict = isApiError(patch.error) && patch.error.status === 409;

  const submit = () => {
    setShown(true);
    if (hasErrors(validateTargets(draft, row.unit, years))) return;
    const body = targetsBody(draft, years);
    patch.mutate({ id: row.id, body: { ...body, version: row.version } }, { onSuccess: onClose });
  };
  const addYear = () => {
    const y = Number(newYear.trim());
    if (!Number.isInteger(y) || y < 2000 || y > 2100 || years.includes(y)) return;
    setExtra([...extra, y]);
    setNewYear('');
  };

  return (
    <Dialog
      open
      wide
      title={t('web.indicators.edit.title')}
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} onAction={submit} busy={patch.isPending} />}
    >
      <div className="stack">
        {patch.isError && (conflict || Object.keys(server).length === 0) && (
          <Alert tone="error">
            {errorText(patch.error, t)}
            {conflict && <div className="small">{t('web.indicators.conflictHint')}</div>}
          </Alert>
        )}
        <TargetsFields
          draft={draft}
          setDraft={setDraft}
          years={years}
          unitLabel={t(`web.indicators.unit.${row.unit}`)}
          errors={errors}
          server={server}
          withName
        />
        <div className="row">
          <input
            className="input"
            style={{ width: 120 }}
            inputMode="numeric"
            aria-label={t('web.indicators.edit.addYear')}
            placeholder={t('web.indicators.edit.yearPlaceholder')}
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
            {t('web.indicators.edit.addYear')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/** Enter (or replace) the actual value of a manual indicator for a year: value, source, comment. */
export function ManualValueDialog({
  programmeId,
  row,
  years,
  year: initialYear,
  onClose,
}: {
  programmeId: number;
  row: IndicatorRow;
  years: number[];
  year: number;
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const save = useSaveManualValue(programmeId);
  const del = useDeleteValue(programmeId);
  const [year, setYear] = useState(initialYear);
  const existing = row.values.find((v) => v.year === year) ?? null;
  const [value, setValue] = useState(() => numberToInput(existing?.value ?? null, locale));
  const [source, setSource] = useState(existing?.source ?? '');
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [shown, setShown] = useState(false);
  const server = isApiError(save.error) ? fieldProblems(save.error.details) : {};
  const parsed = parseDecimal(value);
  const valueError = !shown
    ? undefined
    : parsed === null
      ? t('web.indicators.err.valueRequired')
      : Number.isNaN(parsed)
        ? t('web.indicators.err.notNumber')
        : parsed < 0 || (row.unit === 'percent' && parsed > 100)
          ? t('web.indicators.err.outOfRange')
          : undefined;
  const sourceError = shown && source.trim().length < 3 ? t('web.indicators.err.sourceRequired') : undefined;

  const pickYear = (y: number) => {
    setYear(y);
    const v = row.values.find((x) => x.year === y) ?? null;
    setValue(numberToInput(v?.value ?? null, locale));
    setSource(v?.source ?? '');
    setComment(v?.comment ?? '');
    save.reset();
  };
  const submit = () => {
    setShown(true);
    if (parsed === null || Number.isNaN(parsed) || valueError || source.trim().length < 3) return;
    save.mutate(
      {
        id: row.id,
        year,
        body: {
          value: parsed,
          source: source.trim(),
          comment: comment.trim() || null,
          ...(existing ? { version: existing.version } : {}),
        },
      },
      { onSuccess: onClose },
    );
  };
  const allYears = [...new Set([...years, initialYear])].sort((a, b) => a - b);
  return (
    <Dialog
      open
      title={t('web.indicators.manual.title')}
      onClose={onClose}
      footer={
        <>
          {existing && (
            <Button
              variant="danger"
              busy={del.isPending}
              onClick={() => del.mutate({ id: row.id, year }, { onSuccess: onClose })}
            >
              {t('web.indicators.manual.delete')}
            </Button>
          )}
          <span className="spacer" />
          <DialogActions onCancel={onClose} onAction={submit} busy={save.isPending} />
        </>
      }
    >
      <div className="stack">
        <p className="ind-dialog-name">{row.name}</p>
        {row.dataNote && <p className="small ind-datanote">{row.dataNote}</p>}
        {(save.isError && Object.keys(server).length === 0) || del.isError ? (
          <Alert tone="error">{errorText(save.error ?? del.error, t)}</Alert>
        ) : null}
        <div className="form-grid ind-base-grid">
          <Field label={t('web.indicators.col.year')}>
            <select className="select" value={year} onChange={(e) => pickYear(Number(e.target.value))}>
              {allYears.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('web.indicators.valueUnit', { unit: t(`web.indicators.unit.${row.unit}`) })}
            required
            error={valueError ?? (server.value ? stripFieldPrefix(server.value) : undefined)}
          >
            <input
              className="input"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </Field>
        </div>
        <Field
          label={t('web.indicators.source')}
          required
          hint={t('web.indicators.manual.sourceHint')}
          error={sourceError ?? (server.source ? stripFieldPrefix(server.source) : undefined)}
        >
          <input
            className="input"
            value={source}
            maxLength={1000}
            onChange={(e) => setSource(e.target.value)}
          />
        </Field>
        <Field label={t('web.indicators.comment')}>
          <textarea
            className="textarea"
            rows={3}
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
          />
        </Field>
        {existing && (
          <p className="small muted">
            {t('web.indicators.manual.current', {
              value: formatValue(existing.value, row.unit, locale, t),
              who: existing.computedByName ?? '—',
              at: formatDateTime(existing.computedAt),
            })}
          </p>
        )}
      </div>
    </Dialog>
  );
}

/** «Рассчитать за год»: one computed indicator, or all of the programme; shows what came out. */
export function ComputeDialog({
  programmeId,
  row,
  rows,
  years,
  defaultYear,
  onClose,
}: {
  programmeId: number;
  row: IndicatorRow | null;
  rows: IndicatorRow[];
  years: number[];
  defaultYear: number;
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const compute = useCompute(programmeId);
  const [year, setYear] = useState(defaultYear);
  const [result, setResult] = useState<ComputeResult | null>(null);
  const options = computeYears(years);
  return (
    <Dialog
      open
      title={row ? t('web.indicators.compute.titleOne') : t('web.indicators.compute.titleAll')}
      onClose={onClose}
      footer={
        result ? (
          <Button variant="primary" onClick={onClose}>
            {t('web.action.close')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('web.action.cancel')}</Button>
            <Button
              variant="primary"
              busy={compute.isPending}
              onClick={() => compute.mutate({ id: row?.id ?? null, year }, { onSuccess: setResult })}
            >
              {t('web.indicators.compute.run')}
            </Button>
          </>
        )
      }
    >
      <div className="stack">
        {row && <p className="ind-dialog-name">{row.name}</p>}
        {!result && (
          <>
            <Field label={t('web.indicators.compute.year')} hint={t('web.indicators.compute.hint')}>
              <select className="select" value={year} onChange={(e) => setYear(Number(e.target.value))}>
                {options.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </Field>
            {compute.isError && <Alert tone="error">{compute.error.message}</Alert>}
          </>
        )}
        {result && (
          <>
            <Alert tone="success">
              {t('web.indicators.compute.done', { n: String(result.computed), year: String(year) })}
            </Alert>
            <ul className="ind-compute-list">
              {result.values.map((v) => (
                <li key={v.indicatorId}>
                  <span>{v.name}</span>{' '}
                  {v.value !== null ? (
                    <strong>
                      {formatValue(
                        v.value,
                        rows.find((r) => r.id === v.indicatorId)?.unit ?? 'percent',
                        locale,
                        t,
                      )}
                    </strong>
                  ) : (
                    <span className="muted">
                      <span className="ind-nodata">{t('web.indicators.noData')}</span>
                      {v.noData ? `: ${v.noData.message}` : ''}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Dialog>
  );
}

export function DeleteIndicatorDialog({
  programmeId,
  row,
  onClose,
}: {
  programmeId: number;
  row: IndicatorRow;
  onClose: () => void;
}) {
  const t = useT();
  const del = useDeleteIndicator(programmeId);
  return (
    <ConfirmDialog
      title={t('web.indicators.delete.title')}
      action={t('web.indicators.delete.submit')}
      busy={del.isPending}
      onConfirm={() => del.mutate(row.id, { onSuccess: onClose })}
      onClose={onClose}
    >
      <div className="stack">
        <p>{t('web.indicators.delete.confirm', { name: row.name, n: String(row.values.length) })}</p>
        {del.isError && <Alert tone="error">{del.error.message}</Alert>}
      </div>
    </ConfirmDialog>
  );
}
