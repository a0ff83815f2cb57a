import { useT } from '../../i18n';
import { Checkbox, Field } from '../../ui/Field';
import { PROCEDURE_CODES, type ParamsField, type ParamsForm } from './model';

/** The rule's main parameters as form fields (what-if and the parameter set dialog). */
export function ParamsFields({
  value: f,
  onChange,
  errors,
}: {
  value: ParamsForm;
  onChange: (f: ParamsForm) => void;
  /** Catalogue keys per field (shown only once the user tried to submit). */
  errors: Partial<Record<ParamsField, string>>;
}) {
  const t = useT();
  const set = <K extends ParamsField>(k: K, v: ParamsForm[K]) => onChange({ ...f, [k]: v });
  const err = (k: ParamsField) => (errors[k] ? t(errors[k]) : undefined);
  return (
    <div className="ident-params">
      <fieldset className="ident-fieldset">
        <legend>{t('web.ident.form.rule')}</legend>
        <div className="ident-filters">
          <Field label={t('web.ident.whatif.threshold')} error={err('threshold')}>
            <input
              className="input"
              inputMode="decimal"
              value={f.threshold}
              onChange={(e) => set('threshold', e.target.value)}
            />
          </Field>
          <Field label={t('web.ident.whatif.mode')}>
            <select
              className="select"
              value={f.mode}
              onChange={(e) => set('mode', e.target.value as ParamsForm['mode'])}
            >
              <option value="plain">{t('web.ident.whatif.mode.plain')}</option>
              <option value="wilson">{t('web.ident.whatif.mode.wilson')}</option>
            </select>
          </Field>
          <Field label={t('web.ident.whatif.subjectMode')}>
            <select
              className="select"
              value={f.subjectMode}
              onChange={(e) => set('subjectMode', e.target.value as ParamsForm['subjectMode'])}
            >
              <option value="any">{t('web.ident.whatif.subjectMode.any')}</option>
              <option value="all">{t('web.ident.whatif.subjectMode.all')}</option>
            </select>
          </Field>
          <Field label={t('web.ident.whatif.min')} error={err('minParticipants')}>
            <input
              className="input"
              type="number"
              min={1}
              step={1}
              value={f.minParticipants}
              onChange={(e) => set('minParticipants', e.target.value)}
            />
          </Field>
          <Field label={t('web.ident.form.grades')}>
            <select
              className="select"
              value={f.grades}
              onChange={(e) => set('grades', e.target.value as ParamsForm['grades'])}
            >
              <option value="pooled">{t('web.ident.form.grades.pooled')}</option>
              <option value="per_grade">{t('web.ident.form.grades.per_grade')}</option>
            </select>
          </Field>
        </div>
        <div className="ident-checks" role="group" aria-label={t('web.ident.form.procedures')}>
          <span className="ident-checks-label">{t('web.ident.form.procedures')}</span>
          {PROCEDURE_CODES.map((c) => (
            <Checkbox
              key={c}
              label={t(`web.ident.proc.${c}`)}
              checked={f.procedures.includes(c)}
              onChange={(on) =>
                set('procedures', on ? [...f.procedures, c] : f.procedures.filter((x) => x !== c))
              }
            />
          ))}
          {errors.procedures && (
            <span className="field-error" role="alert">
              {t(errors.procedures)}
            </span>
          )}
        </div>
        <div className="ident-filters">
          <Checkbox
            label={t('web.ident.form.clauseA')}
            checked={f.clauseA}
            onChange={(v) => set('clauseA', v)}
          />
          <Field label={t('web.ident.form.clauseAMin')} error={err('clauseAMinProcedures')}>
            <input
              className="input"
              type="number"
              min={2}
              max={PROCEDURE_CODES.length}
              step={1}
              disabled={!f.clauseA}
              value={f.clauseAMinProcedures}
              onChange={(e) => set('clauseAMinProcedures', e.target.value)}
            />
          </Field>
          <Checkbox
            label={t('web.ident.form.clauseB')}
            checked={f.clauseB}
            onChange={(v) => set('clauseB', v)}
          />
        </div>
      </fieldset>
      <fieldset className="ident-fieldset">
        <legend>{t('web.ident.form.contextModel')}</legend>
        <div className="ident-filters">
          <Field label={t('web.ident.form.unfavourable')}>
            <select
              className="select"
              value={f.unfavourableRule}
              onChange={(e) => set('unfavourableRule', e.target.value as ParamsForm['unfavourableRule'])}
            >
              <option value="quartile">{t('web.ident.form.unfavourable.quartile')}</option>
              <option value="threshold">{t('web.ident.form.unfavourable.threshold')}</option>
            </select>
          </Field>
          {f.unfavourableRule === 'threshold' && (
            <Field label={t('web.ident.form.unfavourableValue')} error={err('unfavourableValue')}>
              <input
                className="input"
                inputMode="decimal"
                value={f.unfavourableValue}
                onChange={(e) => set('unfavourableValue', e.target.value)}
              />
            </Field>
          )}
          <Field label={t('web.ident.form.belowExpectedCut')} error={err('belowExpectedCut')}>
            <input
              className="input"
              inputMode="decimal"
              value={f.belowExpectedCut}
              onChange={(e) => set('belowExpectedCut', e.target.value)}
            />
          </Field>
          <Field label={t('web.ident.form.resilientCut')} error={err('resilientCut')}>
            <input
              className="input"
              inputMode="decimal"
              value={f.resilientCut}
              onChange={(e) => set('resilientCut', e.target.value)}
            />
          </Field>
          <Checkbox
            label={t('web.ident.form.shrinkage')}
            checked={f.shrinkage}
            onChange={(v) => set('shrinkage', v)}
          />
        </div>
      </fieldset>
    </div>
  );
}
