import { useMemo, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/conflict';
import { useMe } from '../../api/hooks';
import { useLocale, useT } from '../../i18n';
import { hasMessage } from '../../../../common/src/i18n/client.js';
import { can } from '../../lib/access';
import { Button } from '../../ui/Button';
import { Badge, PageHeader } from '../../ui/Card';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert, EmptyState, ErrorState, SkeletonBlock } from '../../ui/States';
import {
  useCatalogue,
  useDeleteDefinition,
  useSaveDefinition,
  type Catalogue,
  type Definition,
  type FieldInfo,
} from './api';
import {
  definitionBody,
  definitionDraft,
  definitionServerErrors,
  emptyDefinition,
  fieldProblems,
  isNumericField,
  matchesText,
  OP_WORD,
  opsFor,
  paramsInWords,
  validateDefinition,
  type DefinitionDraft,
  type Op,
} from './model';
import { MethodBadge } from './parts';
import './indicators.css';

const route = getRouteApi('/_app/indicators');

/** The catalogue of target indicators: built-in and the region's own; the regional coordinator defines its own. */
export default function CataloguePage() {
  const t = useT();
  const me = useMe();
  const q = useCatalogue();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [editing, setEditing] = useState<Definition | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Definition | null>(null);
  const canDefine = me.data ? can.defineIndicators(me.data.user.role) : false;
  const defs = useMemo(
    () =>
      (q.data?.definitions ?? []).filter(
        (d) =>
          matchesText(d, search.q ?? '') &&
          (!search.method || d.method === search.method) &&
          (!search.origin || (search.origin === 'builtin') === d.builtin),
      ),
    [q.data, search.q, search.method, search.origin],
  );
  const setSearch = (patch: Record<string, string | undefined>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <div className="stack">
      <PageHeader
        title={t('web.indicators.catalogueTitle')}
        subtitle={t('web.indicators.catalogue.subtitle')}
        actions={
          canDefine && (
            <Button variant="primary" icon="plus" onClick={() => setEditing('new')}>
              {t('web.indicators.catalogue.new')}
            </Button>
          )
        }
      />
      <div className="filters">
        <input
          className="input input-search"
          type="search"
          aria-label={t('web.indicators.add.search')}
          placeholder={t('web.indicators.add.searchPlaceholder')}
          value={search.q ?? ''}
          onChange={(e) => setSearch({ q: e.target.value || undefined })}
        />
        <select
          className="select"
          aria-label={t('web.indicators.method')}
          value={search.method ?? ''}
          onChange={(e) => setSearch({ method: e.target.value || undefined })}
        >
          <option value="">{t('web.indicators.catalogue.anyMethod')}</option>
          <option value="computed">{t('web.indicators.method.computed')}</option>
          <option value="manual">{t('web.indicators.method.manual')}</option>
        </select>
        <select
          className="select"
          aria-label={t('web.indicators.catalogue.origin')}
          value={search.origin ?? ''}
          onChange={(e) => setSearch({ origin: e.target.value || undefined })}
        >
          <option value="">{t('web.indicators.catalogue.anyOrigin')}</option>
          <option value="builtin">{t('web.indicators.builtin')}</option>
          <option value="region">{t('web.indicators.regionOwn')}</option>
        </select>
      </div>
      {q.isPending ? (
        <SkeletonBlock lines={8} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : defs.length === 0 ? (
        <EmptyState title={t('web.indicators.add.nothingFound')} />
      ) : (
        <ul className="ind-defs" aria-label={t('web.indicators.catalogueTitle')}>
          {defs.map((d) => (
            <DefinitionItem
              key={d.code}
              d={d}
              catalogue={q.data}
              canEdit={canDefine && !d.builtin}
              onEdit={() => setEditing(d)}
              onDelete={() => setDeleting(d)}
            />
          ))}
        </ul>
      )}
      {editing && q.data && (
        <DefinitionDialog
          initial={editing === 'new' ? null : editing}
          catalogue={q.data}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteDefinitionDialog d={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}

function DefinitionItem({
  d,
  catalogue,
  canEdit,
  onEdit,
  onDelete,
}: {
  d: Definition;
  catalogue: Catalogue;
  canEdit: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  const calc = catalogue.calculations.find((c) => c.name === d.calculation);
  const words = paramsInWords(d.calculation, d.params, catalogue.fields, t);
  return (
    <li className="card ind-def" data-testid={`def-${d.code}`}>
      <div className="ind-def-head">
        <h2 className="ind-def-name">{d.name}</h2>
        {canEdit && (
          <div className="row">
            <Button size="sm" icon="edit" onClick={onEdit}>
              {t('web.action.edit')}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              icon="close"
              onClick={onDelete}
              aria-label={t('web.indicators.delete.for', { name: d.name })}
            >
              {t('web.indicators.catalogue.delete')}
            </Button>
          </div>
        )}
      </div>
      <div className="badges">
        <MethodBadge method={d.method} />
        <Badge>{t(`web.indicators.unit.${d.unit}`)}</Badge>
        <Badge>{t(`web.indicators.direction.${d.direction}`)}</Badge>
        <Badge>{t(`web.indicators.level.${d.level}`)}</Badge>
        {d.builtin ? (
          <Badge>{t('web.indicators.builtin')}</Badge>
        ) : (
          <Badge tone="amber">{t('web.indicators.regionOwn')}</Badge>
        )}
        {d.uses > 0 && (
          <Badge tone="green">{t('web.indicators.catalogue.uses', { n: String(d.uses) })}</Badge>
        )}
      </div>
      {d.description && <p className="small">{d.description}</p>}
      <dl className="ind-def-facts small">
        <dt>{t('web.indicators.code')}</dt>
        <dd>
          <code className="mono">{d.code}</code>
        </dd>
        {d.method === 'computed' && (
          <>
            <dt>{t('web.indicators.calculation')}</dt>
            <dd>
              {calc?.title ?? d.calculation}
              {words && <span className="muted"> — {words}</span>}
            </dd>
          </>
        )}
        {(d.numeratorLabel || d.denominatorLabel) && (
          <>
            <dt>{t('web.indicators.numerator')}</dt>
            <dd>{d.numeratorLabel ?? '—'}</dd>
            <dt>{t('web.indicators.denominator')}</dt>
            <dd>{d.denominatorLabel ?? '—'}</dd>
          </>
        )}
        {d.dataNote && (
          <>
            <dt>{t('web.indicators.dataNote')}</dt>
            <dd className="ind-datanote">{d.dataNote}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

type T = ReturnType<typeof useT>;
const msg = (t: T, p: string | undefined) => (p ? t(`web.indicators.err.${p}`) : undefined);

/** Create or change one of the region's own indicators: a share over registry and context fields, or a manual one. */
function DefinitionDialog({
  initial,
  catalogue,
  onClose,
}: {
  initial: Definition | null;
  catalogue: Catalogue;
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const save = useSaveDefinition();
  const [d, setD] = useState<DefinitionDraft>(() =>
    initial ? definitionDraft(initial, locale) : emptyDefinition(),
  );
  const [shown, setShown] = useState(false);
  const fields = catalogue.fields;
  const errors = shown ? validateDefinition(d, fields, initial === null) : {};
  const server: ReturnType<typeof definitionServerErrors> = isApiError(save.error)
    ? save.error.code === 'indicators.codeTaken'
      ? { code: save.error.message }
      : definitionServerErrors(fieldProblems(save.error.details))
    : {};
  const field = fields.find((f) => f.field === d.field);
  const numeric = fields.filter((f) => isNumericField(f.unit));
  const set = (patch: Partial<DefinitionDraft>) => setD({ ...d, ...patch });

  const submit = () => {
    setShown(true);
    if (Object.keys(validateDefinition(d, fields, initial === null)).length) return;
    const body = definitionBody(d, fields);
    if (initial === null) save.mutate({ code: null, body }, { onSuccess: onClose });
    else {
      const { code: _code, ...patch } = body;
      void _code;
      save.mutate(
        { code: initial.code, body: { ...patch, version: initial.version } },
        { onSuccess: onClose },
      );
    }
  };
  const pickField = (name: string) => {
    const f = fields.find((x) => x.field === name);
    const ops = opsFor(f?.unit ?? 'count');
    set({
      field: name,
      op: ops.includes(d.op) ? d.op : ops[0]!,
      value: f?.unit === 'boolean' ? 'true' : f?.unit === 'text' ? 'urban' : '',
    });
  };

  return (
    <Dialog
      open
      wide
      title={initial ? t('web.indicators.catalogue.editTitle') : t('web.indicators.catalogue.new')}
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} onAction={submit} busy={save.isPending} />}
    >
      <div className="stack">
        {save.isError && (Object.keys(server).length === 0 || server._) && (
          <Alert tone="error">{server._ ?? errorText(save.error, t)}</Alert>
        )}
        <div className="form-grid ind-name-grid">
          <Field
            label={t('web.indicators.code')}
            required
            hint={t('web.indicators.catalogue.codeHint')}
            error={msg(t, errors.code) ?? server.code}
          >
            <input
              className="input mono"
              value={d.code}
              disabled={initial !== null}
              maxLength={61}
              onChange={(e) => set({ code: e.target.value.toLowerCase() })}
            />
          </Field>
          <Field label={t('web.indicators.name')} required error={msg(t, errors.name) ?? server.name}>
            <input className="input" value={d.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
        </div>
        <Field label={t('web.indicators.description')}>
          <textarea
            className="textarea"
            rows={2}
            value={d.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Field>
        <div className="form-grid ind-four-grid">
          <Field label={t('web.indicators.method')}>
            <select
              className="select"
              value={d.method}
              onChange={(e) => set({ method: e.target.value as DefinitionDraft['method'] })}
            >
              <option value="computed">{t('web.indicators.method.computed')}</option>
              <option value="manual">{t('web.indicators.method.manual')}</option>
            </select>
          </Field>
          <Field label={t('web.indicators.unitLabel')}>
            <select
              className="select"
              value={d.unit}
              onChange={(e) => set({ unit: e.target.value as DefinitionDraft['unit'] })}
            >
              {(d.method === 'computed'
                ? (['percent', 'count'] as const)
                : (['percent', 'count', 'score', 'boolean'] as const)
              ).map((u) => (
                <option key={u} value={u}>
                  {t(`web.indicators.unit.${u}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('web.indicators.directionLabel')}>
            <select
              className="select"
              value={d.direction}
              onChange={(e) => set({ direction: e.target.value as DefinitionDraft['direction'] })}
            >
              <option value="higher">{t('web.indicators.direction.higher')}</option>
              <option value="lower">{t('web.indicators.direction.lower')}</option>
            </select>
          </Field>
          <Field label={t('web.indicators.levelLabel')}>
            <select
              className="select"
              value={d.level}
              onChange={(e) => set({ level: e.target.value as DefinitionDraft['level'] })}
            >
              {(['school', 'municipality', 'region'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`web.indicators.level.${l}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {d.method === 'computed' ? (
          <fieldset className="ind-targets">
            <legend>{t('web.indicators.catalogue.share')}</legend>
            <div className="stack">
              <div className="seg-radio" role="radiogroup" aria-label={t('web.indicators.catalogue.share')}>
                {(['schools', 'sum'] as const).map((k) => (
                  <label key={k} className="checkbox">
                    <input
                      type="radio"
                      name="kind"
                      checked={d.kind === k}
                      onChange={() => set({ kind: k })}
                    />
                    <span>{t(`web.indicators.catalogue.kind.${k}`)}</span>
                  </label>
                ))}
              </div>
              {d.kind === 'schools' ? (
                <div className="form-grid ind-cond-grid">
                  <Field
                    label={t('web.indicators.catalogue.field')}
                    error={msg(t, errors.field) ?? server.field}
                  >
                    <FieldSelect value={d.field} options={fields} onChange={pickField} />
                  </Field>
                  <Field label={t('web.indicators.catalogue.op')}>
                    <select
                      className="select"
                      value={d.op}
                      onChange={(e) => set({ op: e.target.value as Op })}
                    >
                      {opsFor(field?.unit ?? 'count').map((o) => (
                        <option key={o} value={o}>
                          {t(`web.indicators.op.${OP_WORD[o]}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field
                    label={t('web.indicators.catalogue.value')}
                    required
                    error={msg(t, errors.value) ?? server.value}
                  >
                    {field?.unit === 'boolean' ? (
                      <select
                        className="select"
                        value={d.value}
                        onChange={(e) => set({ value: e.target.value })}
                      >
                        <option value="true">{t('web.indicators.yes')}</option>
                        <option value="false">{t('web.indicators.no')}</option>
                      </select>
                    ) : field?.unit === 'text' ? (
                      <select
                        className="select"
                        value={d.value}
                        onChange={(e) => set({ value: e.target.value })}
                      >
                        {(field.values ?? []).map((v) => (
                          <option key={v} value={v}>
                            {hasMessage(`web.indicators.locality.${v}`)
                              ? t(`web.indicators.locality.${v}`)
                              : v}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        className="input"
                        inputMode="decimal"
                        value={d.value}
                        onChange={(e) => set({ value: e.target.value })}
                      />
                    )}
                  </Field>
                </div>
              ) : (
                <div className="form-grid ind-base-grid">
                  <Field
                    label={t('web.indicators.catalogue.numeratorField')}
                    error={msg(t, errors.numerator) ?? server.numerator}
                  >
                    <FieldSelect
                      value={d.numerator}
                      options={numeric}
                      onChange={(v) => set({ numerator: v })}
                    />
                  </Field>
                  <Field
                    label={t('web.indicators.catalogue.denominatorField')}
                    error={msg(t, errors.denominator) ?? server.denominator}
                  >
                    <FieldSelect
                      value={d.denominator}
                      options={numeric}
                      onChange={(v) => set({ denominator: v })}
                    />
                  </Field>
                </div>
              )}
              <p className="small muted">
                {t('web.indicators.catalogue.preview')}:{' '}
                {paramsInWords('field_share', definitionBody(d, fields).params, fields, t) || '—'}
              </p>
            </div>
          </fieldset>
        ) : (
          <Field label={t('web.indicators.dataNote')} hint={t('web.indicators.catalogue.dataNoteHint')}>
            <textarea
              className="textarea"
              rows={2}
              value={d.dataNote}
              onChange={(e) => set({ dataNote: e.target.value })}
            />
          </Field>
        )}
        <div className="form-grid ind-base-grid">
          <Field label={t('web.indicators.catalogue.numeratorLabel')}>
            <input
              className="input"
              value={d.numeratorLabel}
              onChange={(e) => set({ numeratorLabel: e.target.value })}
            />
          </Field>
          <Field label={t('web.indicators.catalogue.denominatorLabel')}>
            <input
              className="input"
              value={d.denominatorLabel}
              onChange={(e) => set({ denominatorLabel: e.target.value })}
            />
          </Field>
        </div>
      </div>
    </Dialog>
  );
}

function DeleteDefinitionDialog({ d, onClose }: { d: Definition; onClose: () => void }) {
  const t = useT();
  const del = useDeleteDefinition();
  return (
    <ConfirmDialog
      title={t('web.indicators.catalogue.deleteTitle')}
      action={t('web.indicators.catalogue.delete')}
      busy={del.isPending}
      onConfirm={() => del.mutate(d.code, { onSuccess: onClose })}
      onClose={onClose}
    >
      <div className="stack">
        <p>{t('web.indicators.catalogue.deleteConfirm', { name: d.name })}</p>
        {d.uses > 0 && (
          <Alert tone="warn">{t('web.indicators.catalogue.usedWarn', { n: String(d.uses) })}</Alert>
        )}
        {del.isError && <Alert tone="error">{del.error.message}</Alert>}
      </div>
    </ConfirmDialog>
  );
}

/** A select of registry and context fields (the catalogue's field list). */
function FieldSelect({
  value,
  options,
  onChange,
}: {
  value: string;
  options: FieldInfo[];
  onChange: (field: string) => void;
}) {
  return (
    <select className="select" value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((f) => (
        <option key={f.field} value={f.field}>
          {f.title}
        </option>
      ))}
    </select>
  );
}
