import { useState, type FormEvent, type ReactNode } from 'react';
import { useMunicipalities } from '../../api/hooks';
import type { SchoolCard } from '../../api/types';
import { useT, type Locale } from '../../i18n';
import { numberToInput } from '../../lib/format';
import { SCHOOL_TYPES } from '../../lib/search';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Checkbox, Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import {
  NUMBER_FIELDS,
  SECTIONS,
  TEXT_FIELDS,
  validateSchool,
  type NumberField,
  type SchoolForm,
  type TextField,
} from './fields';
import { SchoolPicker, type PickedSchool } from './SchoolPicker';

export function emptyForm(): SchoolForm {
  return {
    code: '',
    inn: '',
    fullName: '',
    shortName: '',
    type: 'СОШ',
    locality: 'urban',
    settlement: '',
    address: '',
    isSmall: false,
    shifts: '1',
    studentsNoo: '',
    studentsOoo: '',
    studentsSoo: '',
    teachers: '',
    vacancies: '',
    psychologists: '',
    speechTherapists: '',
    defectologists: '',
    socialPedagogues: '',
    internetMbps: '',
    parentId: null,
    municipalityId: '',
  };
}

export function cardToForm(c: SchoolCard, locale: Locale): SchoolForm {
  const f = emptyForm();
  for (const k of Object.keys(TEXT_FIELDS) as TextField[]) f[k] = c[k] ?? '';
  for (const k of Object.keys(NUMBER_FIELDS) as NumberField[]) f[k] = numberToInput(c[k], locale);
  return {
    ...f,
    type: c.type,
    locality: c.locality,
    isSmall: c.isSmall,
    parentId: c.parentId,
    municipalityId: String(c.municipalityId),
  };
}

/**
 * The attribute form of a school: checked here like on the server; server problems
 * (`serverErrors`, by field) are shown beside the fields as well.
 */
export function SchoolFormView({
  initial,
  initialParent,
  creating,
  selfId,
  busy,
  serverErrors,
  banner,
  onSubmit,
  onCancel,
  formKey,
}: {
  initial: SchoolForm;
  initialParent: PickedSchool | null;
  creating: boolean;
  selfId?: number;
  busy: boolean;
  serverErrors: Record<string, string>;
  banner?: ReactNode;
  onSubmit: (f: SchoolForm) => void;
  onCancel: () => void;
  formKey?: string | number;
}) {
  const t = useT();
  const [form, setForm] = useState(initial);
  const [parent, setParent] = useState<PickedSchool[]>(initialParent ? [initialParent] : []);
  const [submitted, setSubmitted] = useState(false);
  const municipalities = useMunicipalities(creating);
  const issues = validateSchool(form, { creating });
  const error = (name: string) => {
    const i = issues[name];
    if (submitted && i) return t(i.key, i.params);
    return serverErrors[name];
  };
  const set = <K extends keyof SchoolForm>(k: K, v: SchoolForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(issues).length) {
      // Bring the first problem into view.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onSubmit({ ...form, parentId: parent[0]?.id ?? null });
  };

  const text = (name: TextField, opts: { span?: boolean; hint?: string } = {}) => (
    <Field
      key={name}
      label={t(`registry.field.${name}`)}
      required={TEXT_FIELDS[name].required}
      error={error(name)}
      hint={opts.hint}
      className={opts.span ? 'span-2' : undefined}
    >
      <input
        className="input"
        value={form[name]}
        maxLength={TEXT_FIELDS[name].kind === 'text' ? TEXT_FIELDS[name].max : undefined}
        onChange={(e) => set(name, e.target.value)}
      />
    </Field>
  );
  const num = (name: NumberField) => {
    const spec = NUMBER_FIELDS[name];
    return (
      <Field
        key={name}
        label={t(`registry.field.${name}`)}
        required={spec.required}
        error={error(name)}
        hint={
          spec.kind !== 'text'
            ? t('web.validation.rangeHint', { min: spec.min, max: spec.max.toLocaleString('ru-RU') })
            : undefined
        }
      >
        <input
          className="input"
          inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
          value={form[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      </Field>
    );
  };
  const municipalityId = creating
    ? form.municipalityId
      ? Number(form.municipalityId)
      : undefined
    : Number(initial.municipalityId);
  const errorCount = submitted ? Object.keys(issues).length : 0;

  return (
    <form className="stack-lg" onSubmit={submit} noValidate key={formKey}>
      {banner}
      {errorCount > 0 && <Alert tone="error">{t('web.form.fixErrors', { count: errorCount })}</Alert>}
      <Card title={t('web.school.section.main')}>
        <div className="form-grid">
          {creating && (
            <Field label={t('registry.field.municipality')} required error={error('municipalityId')}>
              <select
                className="select"
                value={form.municipalityId}
                onChange={(e) => {
                  set('municipalityId', e.target.value);
                  setParent([]);
                }}
              >
                <option value="">{t('web.form.choose')}</option>
                {municipalities.data?.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {text('code')}
          {text('inn', { hint: t('web.validation.innHint') })}
          <Field label={t('registry.field.type')} required error={error('type')}>
            <select className="select" value={form.type} onChange={(e) => set('type', e.target.value)}>
              {SCHOOL_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {ty}
                </option>
              ))}
            </select>
          </Field>
          {text('fullName', { span: true })}
          {text('shortName', { span: true })}
          <Field label={t('registry.field.locality')} required error={error('locality')}>
            <select
              className="select"
              value={form.locality}
              onChange={(e) => set('locality', e.target.value)}
            >
              <option value="urban">{t('web.locality.urban')}</option>
              <option value="rural">{t('web.locality.rural')}</option>
            </select>
          </Field>
          {text('settlement')}
          {text('address', { span: true })}
          {num('shifts')}
          <div className="field">
            <span className="field-label">{t('registry.field.isSmall')}</span>
            <Checkbox
              label={t('web.school.smallCheckbox')}
              checked={form.isSmall}
              onChange={(v) => set('isSmall', v)}
            />
          </div>
          <Field
            label={t('web.school.parent')}
            hint={t('web.school.parentHint')}
            error={error('parentId')}
            className="span-2"
          >
            <SchoolPicker
              value={parent}
              onChange={setParent}
              municipalityId={municipalityId}
              excludeId={selfId}
            />
          </Field>
        </div>
      </Card>
      <div className="grid-2">
        <Card title={t('web.school.section.staff')}>
          <div className="form-grid">{SECTIONS.staff.map(num)}</div>
        </Card>
        <Card title={t('web.school.section.students')}>
          <div className="form-grid">{SECTIONS.students.map(num)}</div>
        </Card>
      </div>
      <div className="form-actions card card-body" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
        <Button type="submit" variant="primary" busy={busy} icon="check">
          {creating ? t('web.action.create') : t('web.action.save')}
        </Button>
        <Button onClick={onCancel}>{t('web.action.cancel')}</Button>
        <span className="small muted">{t('web.form.requiredNote')}</span>
      </div>
    </form>
  );
}
