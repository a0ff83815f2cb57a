import { useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Alert } from '../../ui/States';
import { useWhatIf } from './api';
import { formToParams, paramsToForm } from './model';
import { ParamsFields } from './ParamsFields';
import { ChangeLists } from './Changes';

/**
 * What-if: change the rule's main parameters (threshold, mode, subjects, minimum participants,
 * procedures, grades, rules А and Б, the ШНСУ rule and the model's bounds) and see which schools
 * enter and leave the list, before saving.
 */
export function WhatIfCard({ id, params }: { id: number; params: unknown }) {
  const t = useT();
  const [locale] = useLocale();
  const [form, setForm] = useState(() => paramsToForm(params));
  const [tried, setTried] = useState(false);
  const m = useWhatIf(id);
  const { params: next, errors } = formToParams(params, form);
  const invalid = Object.keys(errors).length > 0;
  const submit = () => {
    setTried(true);
    if (!invalid) m.mutate(next);
  };
  return (
    <Card id="ident-whatif" title={t('web.ident.whatif.title')}>
      <div className="stack">
        <p className="muted ident-note">{t('web.ident.whatif.text')}</p>
        <form
          className="stack ident-whatif-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <ParamsFields value={form} onChange={setForm} errors={tried ? errors : {}} />
          <div className="ident-whatif-submit">
            <Button type="submit" variant="primary" icon="refresh" busy={m.isPending}>
              {t('web.ident.whatif.submit')}
            </Button>
          </div>
        </form>
        {m.isError && <Alert tone="error">{m.error.message}</Alert>}
        {m.data && (
          <>
            <Alert tone="info">
              {t('web.ident.whatif.result', {
                entered: formatNumber(m.data.entered.length, locale),
                left: formatNumber(m.data.left.length, locale),
                stayed: formatNumber(m.data.stayed.length, locale),
              })}
            </Alert>
            <ChangeLists entered={m.data.entered} left={m.data.left} />
          </>
        )}
      </div>
    </Card>
  );
}
