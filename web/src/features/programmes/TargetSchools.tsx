import { useState } from 'react';
import { api, call, isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { useDebounced } from '../../lib/useDebounced';
import { Button } from '../../ui/Button';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert, SkeletonBlock } from '../../ui/States';
import { usePatchProgramme, useSchoolSearch, type Programme } from './api';
import { errorText } from '../../api/conflict';

type Picked = { id: number; shortName: string };

/** Choose the programme's target schools (PATCH with the version: a concurrent change is a 409). */
export function TargetSchoolsDialog({ programme, onClose }: { programme: Programme; onClose: () => void }) {
  const t = useT();
  const save = usePatchProgramme(programme.id);
  const [base, setBase] = useState(programme);
  const [picked, setPicked] = useState<Picked[]>(() =>
    programme.targetSchools.map((s) => ({ id: s.id, shortName: s.shortName })),
  );
  const [text, setText] = useState('');
  const q = useDebounced(text, 300).trim();
  const schools = useSchoolSearch(q, programme.municipalityId, true);
  const conflict = isApiError(save.error) && save.error.status === 409;
  const has = new Set(picked.map((s) => s.id));
  const toggle = (s: Picked) =>
    setPicked(has.has(s.id) ? picked.filter((x) => x.id !== s.id) : [...picked, s]);
  const reload = async () => {
    const fresh = await call(api.GET('/api/programmes/{id}', { params: { path: { id: programme.id } } }));
    setBase(fresh);
    setPicked(fresh.targetSchools.map((s) => ({ id: s.id, shortName: s.shortName })));
    save.reset();
  };
  const submit = () =>
    save.mutate({ version: base.version, targetSchoolIds: picked.map((s) => s.id) }, { onSuccess: onClose });

  return (
    <Dialog
      open
      wide
      title={t('web.prog.ts.title')}
      onClose={onClose}
      footer={
        <DialogActions onCancel={onClose} onAction={submit} busy={save.isPending} disabled={conflict} />
      }
    >
      <div className="stack">
        {conflict ? (
          <Alert
            tone="warn"
            action={
              <Button size="sm" icon="refresh" onClick={() => void reload()}>
                {t('web.prog.conflictReload')}
              </Button>
            }
          >
            <strong>{t('web.prog.conflictTitle')}</strong> {errorText(save.error, t)}
          </Alert>
        ) : (
          save.isError && <Alert tone="error">{save.error.message}</Alert>
        )}
        <div>
          <div className="muted small">{t('web.prog.ts.chosen', { n: String(picked.length) })}</div>
          {picked.length > 0 ? (
            <div className="badges ts-chosen">
              {picked.map((s) => (
                <button
                  key={s.id}
                  type="button"
                  className="badge ts-chip"
                  title={t('web.prog.ts.remove')}
                  aria-label={`${t('web.prog.ts.remove')}: ${s.shortName}`}
                  onClick={() => toggle(s)}
                >
                  {s.shortName} ×
                </button>
              ))}
            </div>
          ) : (
            <p className="muted" style={{ margin: '4px 0 0' }}>
              {t('web.prog.ts.none')}
            </p>
          )}
        </div>
        <Field label={t('web.prog.ts.search')}>
          <input
            className="input input-search"
            type="search"
            value={text}
            placeholder={t('web.prog.ts.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        {schools.isError ? (
          <Alert tone="error">{schools.error.message}</Alert>
        ) : !schools.data ? (
          <SkeletonBlock lines={5} />
        ) : schools.data.items.length === 0 ? (
          <p className="muted">{t('web.prog.ts.noMatch')}</p>
        ) : (
          <ul className="ts-list" aria-busy={schools.isFetching}>
            {schools.data.items.map((s) => (
              <li key={s.id}>
                <label>
                  <input type="checkbox" checked={has.has(s.id)} onChange={() => toggle(s)} />
                  <span>
                    {s.shortName}
                    <span className="cell-sub">
                      {s.municipalityName} · {s.settlement}
                    </span>
                  </span>
                </label>
              </li>
            ))}
            {schools.data.total > schools.data.items.length && (
              <li className="muted small">
                {t('web.prog.ts.more', { n: String(schools.data.total - schools.data.items.length) })}
              </li>
            )}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
