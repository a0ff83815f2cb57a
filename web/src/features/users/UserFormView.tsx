import { useState, type FormEvent, type ReactNode } from 'react';
import { useQueries } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys, useMunicipalities } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { can, scopeFields } from '../../lib/access';
import type { Role } from '../../lib/search';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Checkbox, Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import { SchoolPicker, type PickedSchool } from '../schools/SchoolPicker';
import { generatePassword, validateUser, type UserForm } from './validation';

/** Names of assigned schools: the user record has only their ids. */
function useSchoolNames(ids: number[]): PickedSchool[] {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.school(id),
      queryFn: () => call(api.GET('/api/schools/{id}', { params: { path: { id } } })),
      staleTime: 5 * 60_000,
    })),
  });
  return ids.map((id, i) => {
    const d = results[i]?.data;
    return {
      id,
      shortName: d?.shortName ?? `#${id}`,
      sub: d ? `${d.settlement} · ${d.municipalityName}` : undefined,
    };
  });
}

/** A password field with «generate» and «show» buttons; takes the id and aria props from Field. */
function PasswordInput({
  value,
  onChange,
  visible,
  onVisible,
  labels,
  ...aria
}: {
  value: string;
  onChange: (v: string) => void;
  visible: boolean;
  onVisible: (v: boolean) => void;
  labels: { generate: string; show: string; hide: string };
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  return (
    <div className="input-with-actions">
      <input
        {...aria}
        className="input mono"
        type={visible ? 'text' : 'password'}
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <Button
        size="sm"
        icon="key"
        onClick={() => {
          onChange(generatePassword());
          onVisible(true);
        }}
      >
        {labels.generate}
      </Button>
      {value && (
        <Button size="sm" variant="ghost" onClick={() => onVisible(!visible)} aria-pressed={visible}>
          {visible ? labels.hide : labels.show}
        </Button>
      )}
    </div>
  );
}

export function UserFormView({
  initial,
  initialSchool,
  creating,
  self,
  busy,
  serverErrors,
  banner,
  onSubmit,
  onCancel,
}: {
  initial: UserForm;
  initialSchool: PickedSchool | null;
  creating: boolean;
  self?: boolean;
  busy: boolean;
  serverErrors: Record<string, string>;
  banner?: ReactNode;
  onSubmit: (f: UserForm) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const me = useCurrentUser();
  const [form, setForm] = useState(initial);
  const [school, setSchool] = useState<PickedSchool[]>(initialSchool ? [initialSchool] : []);
  const initialNames = useSchoolNames(initial.schoolIds);
  const [schools, setSchools] = useState<PickedSchool[] | null>(null);
  const shownSchools = schools ?? initialNames;
  const [submitted, setSubmitted] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const regional = me.role === 'regional_coordinator';
  const municipalities = useMunicipalities();
  const current: UserForm = {
    ...form,
    schoolId: school[0]?.id ?? null,
    schoolIds: shownSchools.map((s) => s.id),
  };
  const issues = validateUser(current, { creating });
  const scope = scopeFields(form.role);
  const scopeLocked = !!self;
  const set = <K extends keyof UserForm>(k: K, v: UserForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const error = (name: string) => {
    const i = issues[name];
    return submitted && i ? t(i.key, i.params) : serverErrors[name];
  };
  const roles = can.assignableRoles(me.role);
  if (!roles.includes(form.role)) roles.unshift(form.role);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(issues).length) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onSubmit(current);
  };

  return (
    <form className="stack-lg" onSubmit={submit} noValidate>
      {banner}
      <Card title={t('web.users.section.account')}>
        <div className="form-grid">
          {creating && (
            <Field
              label={t('web.field.login')}
              required
              error={error('login')}
              hint={t('web.users.loginHint')}
            >
              <input
                className="input mono"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={form.login}
                onChange={(e) => set('login', e.target.value)}
              />
            </Field>
          )}
          <Field label={t('web.field.fullName')} required error={error('fullName')} className="span-2">
            <input
              className="input"
              autoComplete="off"
              value={form.fullName}
              onChange={(e) => set('fullName', e.target.value)}
            />
          </Field>
          <Field label={t('web.field.email')} error={error('email')}>
            <input
              className="input"
              type="email"
              autoComplete="off"
              value={form.email}
              onChange={(e) => set('email', e.target.value)}
            />
          </Field>
          <Field
            label={creating ? t('web.field.password') : t('web.users.newPassword')}
            required={creating}
            error={error('password')}
            hint={creating ? t('web.users.passwordHint') : t('web.users.resetHint')}
            className="span-2"
          >
            <PasswordInput
              value={form.password}
              onChange={(v) => set('password', v)}
              visible={showPassword}
              onVisible={setShowPassword}
              labels={{
                generate: t('web.users.generate'),
                show: t('web.users.showPassword'),
                hide: t('web.users.hidePassword'),
              }}
            />
          </Field>
        </div>
      </Card>
      <Card title={t('web.users.section.access')}>
        <div className="stack">
          {scopeLocked && <Alert tone="info">{t('web.users.selfNote')}</Alert>}
          <div className="form-grid access-grid">
            <Field label={t('web.field.role')} required error={error('role')}>
              <select
                className="select"
                value={form.role}
                disabled={scopeLocked}
                onChange={(e) => set('role', e.target.value as Role)}
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
            {scope.municipality !== 'none' && (
              <Field
                label={t('registry.field.municipality')}
                required={scope.municipality === 'required'}
                error={error('municipalityId')}
                hint={
                  scope.municipality === 'optional'
                    ? t(form.role === 'observer' ? 'web.users.observerHint' : 'web.users.curatorHint')
                    : undefined
                }
              >
                <select
                  className="select"
                  value={form.municipalityId}
                  disabled={scopeLocked || !regional}
                  onChange={(e) => set('municipalityId', e.target.value)}
                >
                  <option value="">
                    {scope.municipality === 'required'
                      ? t('web.form.choose')
                      : form.role === 'observer'
                        ? t('web.scope.region')
                        : t('web.form.notSet')}
                  </option>
                  {municipalities.data?.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {scope.school !== 'none' && (
              <Field label={t('web.users.school')} required error={error('schoolId')}>
                {scopeLocked ? (
                  <input className="input" disabled value={school[0]?.shortName ?? ''} />
                ) : (
                  <SchoolPicker value={school} onChange={setSchool} />
                )}
              </Field>
            )}
          </div>
          {scope.schools && (
            <Field
              label={t('web.users.schools')}
              error={error('schoolIds')}
              hint={t('web.users.schoolsHint')}
            >
              {scopeLocked ? (
                <input className="input" disabled value={shownSchools.map((s) => s.shortName).join(', ')} />
              ) : (
                <SchoolPicker
                  multiple
                  value={shownSchools}
                  onChange={setSchools}
                  municipalityId={form.municipalityId ? Number(form.municipalityId) : undefined}
                />
              )}
            </Field>
          )}
          {!creating && (
            <div className="field">
              <span className="field-label">{t('web.users.status')}</span>
              <Checkbox
                label={t('web.users.activeCheckbox')}
                checked={form.active}
                disabled={scopeLocked}
                onChange={(v) => set('active', v)}
              />
              {!form.active && <span className="field-hint">{t('web.users.inactiveHint')}</span>}
            </div>
          )}
        </div>
      </Card>
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
