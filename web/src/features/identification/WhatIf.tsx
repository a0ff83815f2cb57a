import { useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import { useWhatIf } from './api';
import { parseShare, whatIfParams } from './model';
import { ChangeLists } from './Changes';

/** What-if: change the main parameters and see which schools enter and leave the list, before saving. */
export function WhatIfCard({ id, params }: { id: number; params: unknown }) {
  const t = useT();
  const [locale] = useLocale();
  const base = (params && typeof params === 'object' ? params : {}) as Record<string, unknown>;
  const [threshold, setThreshold] = useState(
    typeof base.threshold === 'number' ? formatNumber(base.threshold * 100, locale, 1) : '30',
  );
  const [mode, setMode] = useState(base.mode === 'wilson' ? 'wilson' : 'plain');
  const [subjectMode, setSubjectMode] = useState(base.subjectMode === 'all' ? 'all' : 'any');
  const [minParticipants, setMin] = useState(
    String(typeof base.minParticipants === 'number' ? base.minParticipants : 10),
  );
  const m = useWhatIf(id);
  const share = parseShare(threshold);
  const min = Number(minParticipants);
  const minOk = Number.isInteger(min) && min >= 1;
  const submit = () => {
    if (share === null || !minOk) return;
    m.mutate(whatIfParams(base, { threshold: share, mode, subjectMode, minParticipants: min }));
  };
  return (
    <Card id="ident-whatif" title={t('web.ident.whatif.title')}>
      <div className="stack">
        <p className="muted ident-note">{t('web.ident.whatif.text')}</p>
        <form
          className="ident-filters ident-whatif-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field
            label={t('web.ident.whatif.threshold')}
            error={share === null ? t('web.ident.whatif.thresholdInvalid') : undefined}
          >
            <input
              className="input"
              inputMode="decimal"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
            />
          </Field>
          <Field label={t('web.ident.whatif.mode')}>
            <select
              className="select"
              value={mode}
              onChange={(e) => setMode(e.target.value as 'plain' | 'wilson')}
            >
              <option value="plain">{t('web.ident.whatif.mode.plain')}</option>
              <option value="wilson">{t('web.ident.whatif.mode.wilson')}</option>
            </select>
          </Field>
          <Field label={t('web.ident.whatif.subjectMode')}>
            <select
              className="select"
              value={subjectMode}
              onChange={(e) => setSubjectMode(e.target.value as 'any' | 'all')}
            >
              <option value="any">{t('web.ident.whatif.subjectMode.any')}</option>
              <option value="all">{t('web.ident.whatif.subjectMode.all')}</option>
            </select>
          </Field>
          <Field
            label={t('web.ident.whatif.min')}
            error={minOk ? undefined : t('web.ident.whatif.minInvalid')}
          >
            <input
              className="input"
              type="number"
              min={1}
              step={1}
              value={minParticipants}
              onChange={(e) => setMin(e.target.value)}
            />
          </Field>
          <div className="ident-whatif-submit">
            <Button
              type="submit"
              variant="primary"
              icon="refresh"
              busy={m.isPending}
              disabled={share === null || !minOk}
            >
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
