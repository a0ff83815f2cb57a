import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, ApiError } from '../../api/client';
import { keys, useIndicators } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { can } from '../../lib/access';
import { Button } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { Alert, ErrorState, SkeletonRows } from '../../ui/States';
import { RegistryTabs } from './RegistryTabs';

type Unit = 'percent' | 'count' | 'number' | 'boolean';
const UNITS: Unit[] = ['percent', 'count', 'number', 'boolean'];
const CODE = /^[a-z][a-z0-9_]{1,40}$/;

/** The context indicators: the seven built in and those the region defines (regional coordinator adds). */
export default function IndicatorsPage() {
  const t = useT();
  const user = useCurrentUser();
  const list = useIndicators();
  const qc = useQueryClient();
  const [form, setForm] = useState({ code: '', name: '', unit: 'percent' as Unit });
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: () => call(api.POST('/api/context-indicators', { body: form })),
    onSuccess: () => {
      setForm({ code: '', name: '', unit: 'percent' });
      setTouched(false);
      void qc.invalidateQueries({ queryKey: keys.indicators });
    },
  });
  const codeError = touched && !CODE.test(form.code) ? t('web.indicators.codeHint') : undefined;
  const nameError = touched && form.name.trim().length < 3 ? t('web.validation.required') : undefined;
  const serverError = create.error instanceof ApiError ? create.error : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!CODE.test(form.code) || form.name.trim().length < 3) return;
    create.mutate();
  };

  return (
    <div className="stack">
      <PageHeader title={t('web.registry.title')} subtitle={t('web.indicators.subtitle')} />
      <RegistryTabs />
      <section className="card" aria-label={t('web.indicators.title')}>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">{t('web.indicators.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.indicators.name')}</th>
                  <th scope="col">{t('web.indicators.code')}</th>
                  <th scope="col">{t('web.indicators.unit')}</th>
                  <th scope="col">{t('web.indicators.source')}</th>
                </tr>
              </thead>
              <tbody>
                {!list.data ? (
                  <SkeletonRows rows={8} cols={4} />
                ) : (
                  list.data.map((i) => (
                    <tr key={i.code}>
                      <td>{i.name}</td>
                      <td className="mono">{i.code}</td>
                      <td>{t(`web.indicators.unit.${i.unit}`)}</td>
                      <td>{i.builtin ? t('web.indicators.builtin') : t('web.indicators.regional')}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {can.defineIndicators(user.role) && (
        <Card title={t('web.indicators.add')} id="add-indicator">
          <form className="stack" onSubmit={submit} noValidate>
            <p className="muted small">{t('web.indicators.addHint')}</p>
            {serverError && <Alert tone="error">{serverError.message}</Alert>}
            <div className="form-grid">
              <Field label={t('web.indicators.name')} required error={nameError}>
                <input
                  value={form.name}
                  maxLength={300}
                  onChange={(e) => setForm({ ...form, name: e.target.value })}
                />
              </Field>
              <Field
                label={t('web.indicators.code')}
                required
                error={codeError}
                hint={codeError ? undefined : t('web.indicators.codeHint')}
              >
                <input
                  className="mono"
                  value={form.code}
                  maxLength={41}
                  onChange={(e) => setForm({ ...form, code: e.target.value.trim().toLowerCase() })}
                />
              </Field>
              <Field label={t('web.indicators.unit')} required>
                <select
                  value={form.unit}
                  onChange={(e) => setForm({ ...form, unit: e.target.value as Unit })}
                >
                  {UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`web.indicators.unit.${u}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div className="row">
              <Button type="submit" variant="primary" icon="plus" busy={create.isPending}>
                {t('web.indicators.add')}
              </Button>
            </div>
          </form>
        </Card>
      )}
    </div>
  );
}
