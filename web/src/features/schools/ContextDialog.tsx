import { useMemo, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys, usePutContext } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/conflict';
import type { ContextIndicator, SchoolCard } from '../../api/types';
import { useLocale, useT } from '../../i18n';
import { currentSchoolYear, formatSchoolYear } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import {
  BUILTIN_FIELDS,
  codeOfField,
  formToBody,
  rowToForm,
  validateContext,
  type ContextForm,
} from './context';

/** Edit one school year's social context, or add a new year (`year` null). */
export function ContextDialog({
  school,
  year,
  indicators,
  onClose,
}: {
  school: SchoolCard;
  year: number | null;
  indicators: ContextIndicator[];
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const qc = useQueryClient();
  const put = usePutContext(school.id);
  const existingYears = useMemo(() => new Set(school.context.map((c) => c.schoolYear)), [school.context]);
  const suggested = useMemo(() => {
    const max = Math.max(0, ...existingYears);
    const y = max ? max + 1 : currentSchoolYear();
    return Math.min(y, 2100);
  }, [existingYears]);
  const [newYear, setNewYear] = useState(String(suggested));
  const targetYear = year ?? Number(newYear);
  const row = school.context.find((c) => c.schoolYear === targetYear);
  const [form, setForm] = useState<ContextForm>(() => rowToForm(row, indicators, locale));
  const [submitted, setSubmitted] = useState(false);

  const errors = validateContext(form, indicators);
  const yearError =
    year === null && (!/^\d{4}$/.test(newYear) || targetYear < 2000 || targetYear > 2100)
      ? t('web.validation.range', { min: 2000, max: 2100 })
      : year === null && existingYears.has(targetYear)
        ? t('web.context.yearExists', { year: formatSchoolYear(targetYear) })
        : undefined;
  const serverErrors: Record<string, string> = {};
  if (isApiError(put.error)) {
    for (const d of Array.isArray(put.error.details)
      ? (put.error.details as Array<{ field?: string; message?: string }>)
      : []) {
      if (!d.field || !d.message) continue;
      const code = d.field.startsWith('extra.') ? d.field.slice(6) : codeOfField(d.field);
      serverErrors[code] = d.message;
    }
  }
  const conflict = isApiError(put.error) && put.error.status === 409;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length || yearError) return;
    put.mutate({ year: targetYear, body: formToBody(form, indicators, row) }, { onSuccess: onClose });
  };
  const reload = async () => {
    const fresh = await qc.fetchQuery({ queryKey: keys.school(school.id), staleTime: 0 });
    const r = (fresh as SchoolCard).context.find((c) => c.schoolYear === targetYear);
    setForm(rowToForm(r, indicators, locale));
    put.reset();
  };

  const builtin = indicators.filter((i) => i.code in BUILTIN_FIELDS);
  const regional = indicators.filter((i) => !(i.code in BUILTIN_FIELDS));
  const input = (i: ContextIndicator) => {
    const err =
      (submitted && errors[i.code] ? t(errors[i.code]!.key, errors[i.code]!.params) : undefined) ??
      serverErrors[i.code];
    const unit = t(`web.unit.${i.unit}`);
    return (
      <Field key={i.code} label={i.name} hint={unit} error={err}>
        {i.unit === 'boolean' ? (
          <select
            className="select"
            value={form[i.code] ?? ''}
            onChange={(e) => setForm({ ...form, [i.code]: e.target.value })}
          >
            <option value="">—</option>
            <option value="1">{t('web.yes')}</option>
            <option value="0">{t('web.no')}</option>
          </select>
        ) : (
          <input
            className="input num"
            style={{ textAlign: 'left' }}
            inputMode={i.unit === 'count' ? 'numeric' : 'decimal'}
            value={form[i.code] ?? ''}
            onChange={(e) => setForm({ ...form, [i.code]: e.target.value })}
          />
        )}
      </Field>
    );
  };

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={
        year === null
          ? t('web.context.addTitle')
          : t('web.context.editTitle', { year: formatSchoolYear(year) })
      }
      footer={
        <DialogActions onCancel={onClose} form="context-form" busy={put.isPending} disabled={conflict} />
      }
    >
      <form id="context-form" className="stack" onSubmit={submit} noValidate>
        <p className="muted small">{t('web.context.help', { school: school.shortName })}</p>
        {conflict && (
          <Alert
            tone="warn"
            action={
              <Button size="sm" icon="refresh" onClick={() => void reload()}>
                {t('web.conflict.reload')}
              </Button>
            }
          >
            {errorText(put.error, t)}
          </Alert>
        )}
        {put.error && !conflict && <Alert tone="error">{put.error.message}</Alert>}
        {year === null && (
          <Field
            label={t('web.context.year')}
            hint={/^\d{4}$/.test(newYear) ? formatSchoolYear(Number(newYear)) : t('web.context.yearHint')}
            error={yearError}
            required
          >
            <input
              className="input"
              inputMode="numeric"
              style={{ maxWidth: 160 }}
              value={newYear}
              onChange={(e) => setNewYear(e.target.value.trim())}
            />
          </Field>
        )}
        <fieldset className="stack">
          <legend className="field-label" style={{ marginBottom: 8 }}>
            {t('web.context.builtin')}
          </legend>
          <div className="form-grid">{builtin.map(input)}</div>
        </fieldset>
        {regional.length > 0 && (
          <fieldset className="stack">
            <legend className="field-label" style={{ marginBottom: 8 }}>
              {t('web.context.regionalGroup')}
            </legend>
            <div className="form-grid">{regional.map(input)}</div>
          </fieldset>
        )}
      </form>
    </Dialog>
  );
}
