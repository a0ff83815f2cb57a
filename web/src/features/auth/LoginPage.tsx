import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearch } from '@tanstack/react-router';
import { useLogin, useMe } from '../../api/hooks';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Alert, PageSpinner } from '../../ui/States';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { Logo } from '../../ui/icons';
import { usePageTitle } from '../../ui/Card';
import { DemoAccess, useDemoLoaded } from './DemoAccess';

export function LoginPage() {
  const t = useT();
  const me = useMe();
  const search = useSearch({ from: '/login' });
  const navigate = useNavigate();
  const login = useLogin();
  const [form, setForm] = useState({ login: '', password: '' });
  const [touched, setTouched] = useState(false);
  const demo = useDemoLoaded();
  usePageTitle(t('web.login.title'));

  if (me.isPending) return <PageSpinner />;
  if (me.data) return <Navigate to={search.redirect ?? '/'} replace />;

  const missing = { login: !form.login.trim(), password: !form.password };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (missing.login || missing.password) return;
    login.mutate(form, {
      onSuccess: () => void navigate({ to: search.redirect ?? '/', replace: true }),
    });
  };

  return (
    <div className="login-page">
      <aside className="login-aside">
        <div className="brand">
          <span className="brand-mark">
            <Logo size={22} />
          </span>
          {t('web.product')}
        </div>
        <h1>{t('web.login.headline')}</h1>
        <p>{t('web.login.description')}</p>
        <div className="login-facts">
          <div>
            <strong>{t('web.login.fact1.title')}</strong>
            {t('web.login.fact1.text')}
          </div>
          <div>
            <strong>{t('web.login.fact2.title')}</strong>
            {t('web.login.fact2.text')}
          </div>
          <div>
            <strong>{t('web.login.fact3.title')}</strong>
            {t('web.login.fact3.text')}
          </div>
        </div>
      </aside>
      <main className="login-main">
        <div className="top">
          <LocaleSwitch />
        </div>
        <div className="login-form-wrap">
          <div className="card">
            <div className="card-body">
              <form className="stack" onSubmit={submit} noValidate>
                <div>
                  <h2 style={{ fontSize: 20 }}>{t('web.login.title')}</h2>
                  <p className="muted small" style={{ marginTop: 4 }}>
                    {t('web.login.subtitle')}
                  </p>
                </div>
                {login.error && <Alert tone="error">{login.error.message}</Alert>}
                <Field
                  label={t('web.login.login')}
                  required
                  error={touched && missing.login ? t('web.validation.required') : undefined}
                >
                  <input
                    className="input"
                    name="username"
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                    autoFocus
                    value={form.login}
                    onChange={(e) => setForm({ ...form, login: e.target.value })}
                  />
                </Field>
                <Field
                  label={t('web.login.password')}
                  required
                  error={touched && missing.password ? t('web.validation.required') : undefined}
                >
                  <input
                    className="input"
                    type="password"
                    name="password"
                    autoComplete="current-password"
                    value={form.password}
                    onChange={(e) => setForm({ ...form, password: e.target.value })}
                  />
                </Field>
                <Button
                  type="submit"
                  variant="primary"
                  busy={login.isPending}
                  style={{ width: '100%', minHeight: 40 }}
                >
                  {t('web.login.submit')}
                </Button>
              </form>
            </div>
          </div>
          <DemoAccess demo={demo} onPick={setForm} />
          <p className="small muted" style={{ textAlign: 'center' }}>
            {t('web.login.help')}
          </p>
        </div>
      </main>
    </div>
  );
}
