import { useEffect, useMemo, useState } from 'react';
import { translate } from '../../../../../common/src/i18n/client.js';
import type { ImportMapping, ImportPreview, ImportSheetMapping } from '../../../api/types';
import { useLocale, useT } from '../../../i18n';
import { formatFileSize, formatNumber } from '../../../lib/format';
import { useDebounced } from '../../../lib/useDebounced';
import { Button } from '../../../ui/Button';
import { Badge } from '../../../ui/Card';
import { Field } from '../../../ui/Field';
import { Icon } from '../../../ui/icons';
import { Alert, ErrorState, Spinner } from '../../../ui/States';
import {
  assignColumn,
  columnLetter,
  fieldChoices,
  guessColumns,
  missingRequired,
  withHeaderRow,
  withSheet,
  type FieldChoice,
  type Names,
} from './model';

/** Extra header texts that name a field exactly, besides its labels (the export's headers). */
function headerNames(preview: ImportPreview): Names {
  const names = new Map<string, string[]>();
  for (const f of preview.fields) names.set(f.key, [translate('ru', `registry.field.${f.key}`)]);
  names.get('municipality')?.push('Код муниципалитета');
  for (const e of preview.extraIndicators)
    names.set(`extra:${e.code}`, [e.name, e.code, `${e.name} [${e.code}]`]);
  return names;
}

const headerCells = (preview: ImportPreview, sheet: string, row: number) =>
  preview.sheets.find((s) => s.name === sheet)?.preview[row] ?? [];

/** Step 2: which column of which sheet goes into which registry field. */
export function MappingStep({
  fileName,
  fileSize,
  preview,
  mapping,
  updating,
  error,
  onRetry,
  onChange,
  onAuto,
  onRestart,
  onNext,
}: {
  fileName: string;
  fileSize: number;
  preview: ImportPreview;
  mapping: ImportMapping;
  updating: boolean;
  error: string | null;
  onRetry: () => void;
  onChange: (m: ImportMapping) => void;
  onAuto: () => void;
  onRestart: () => void;
  onNext: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const names = useMemo(() => headerNames(preview), [preview]);
  const mainChoices = useMemo(
    () => fieldChoices(preview.fields, preview.extraIndicators, false),
    [preview.fields, preview.extraIndicators],
  );
  const contextChoices = useMemo(
    () => fieldChoices(preview.fields, preview.extraIndicators, true),
    [preview.fields, preview.extraIndicators],
  );
  const { context, ...main } = mapping;
  const s = preview.summary;
  const otherSheets = preview.sheets.filter((x) => x.name !== mapping.sheet);

  return (
    <section className="card" aria-labelledby="import-mapping-title">
      <div className="card-header import-head">
        <h2 id="import-mapping-title">{t('web.import.step.mapping')}</h2>
        <span className="file-line">
          <Icon name="file" />
          <span className="file-name">{fileName}</span>
          <span className="muted small nowrap">{formatFileSize(fileSize, locale)}</span>
        </span>
      </div>
      <div className="card-body stack">
        <p className="muted">{t('web.import.mapping.help')}</p>
        <div className="import-status" aria-live="polite">
          {updating ? (
            <span className="row">
              <Spinner />
              <span>{t('web.import.mapping.updating')}</span>
            </span>
          ) : (
            <>
              <span>
                {t('web.import.mapping.status', {
                  rows: formatNumber(s.rows, locale),
                  schools: formatNumber(s.schools, locale),
                  contexts: formatNumber(s.contexts, locale),
                })}
              </span>
              {s.problems > 0 ? (
                <Badge tone="red">
                  {t('web.import.mapping.problems', { count: formatNumber(s.problems, locale) })}
                </Badge>
              ) : (
                <Badge tone="green">{t('web.import.mapping.noProblems')}</Badge>
              )}
            </>
          )}
          <span className="spacer" />
          <Button size="sm" variant="ghost" icon="refresh" onClick={onAuto} disabled={updating}>
            {t('web.import.mapping.auto')}
          </Button>
        </div>
        {error && <ErrorState error={new Error(error)} onRetry={onRetry} />}
      </div>

      <SheetSection
        id="import-main"
        title={t('web.import.mapping.schools')}
        preview={preview}
        sheetOptions={preview.sheets}
        value={main}
        choices={mainChoices}
        names={names}
        busy={updating}
        onSheet={(sheet) =>
          sheet && onChange(withSheet(mapping, sheet, headerCells(preview, sheet, 0), mainChoices, names))
        }
        onChange={(m) => onChange({ ...m, ...(context ? { context } : {}) })}
      />

      {(otherSheets.length > 0 || context) && (
        <SheetSection
          id="import-context"
          title={t('web.import.mapping.context')}
          help={t('web.import.mapping.contextHelp')}
          preview={preview}
          sheetOptions={otherSheets}
          allowNone
          value={context}
          choices={contextChoices}
          names={names}
          busy={updating}
          onSheet={(sheet) => {
            if (!sheet) return onChange(main);
            const columns = guessColumns(headerCells(preview, sheet, 0), contextChoices, names);
            onChange({ ...main, context: { sheet, headerRow: 0, columns } });
          }}
          onChange={(c) => onChange({ ...main, context: c })}
        />
      )}

      <div className="card-footer form-actions">
        <Button icon="chevronLeft" onClick={onRestart}>
          {t('web.import.file.change')}
        </Button>
        <span className="spacer" />
        <Button variant="primary" onClick={onNext} disabled={!!error}>
          {t('web.import.mapping.next')}
          <Icon name="chevronRight" size={17} />
        </Button>
      </div>
    </section>
  );
}

/** The sheet and header row of one mapping, and the first rows with a field choice above each column. */
function SheetSection({
  id,
  title,
  help,
  preview,
  sheetOptions,
  allowNone,
  value,
  choices,
  names,
  busy,
  onSheet,
  onChange,
}: {
  id: string;
  title: string;
  help?: string;
  preview: ImportPreview;
  sheetOptions: ImportPreview['sheets'];
  allowNone?: boolean;
  value: ImportSheetMapping | undefined;
  choices: FieldChoice[];
  names: Names;
  busy: boolean;
  onSheet: (sheet: string | null) => void;
  onChange: (m: ImportSheetMapping) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const sheet = value ? preview.sheets.find((x) => x.name === value.sheet) : undefined;
  const missing = value ? missingRequired(value, choices) : [];
  return (
    <div className="map-section" aria-labelledby={`${id}-title`}>
      <div className="map-section-head">
        <h3 id={`${id}-title`}>{title}</h3>
        {help && <p className="muted small">{help}</p>}
        <div className="map-controls">
          <Field label={t('web.import.mapping.sheet')}>
            <select
              className="select"
              value={value?.sheet ?? ''}
              onChange={(e) => onSheet(e.target.value || null)}
            >
              {allowNone && <option value="">{t('web.import.mapping.noContext')}</option>}
              {sheetOptions.map((x) => (
                <option key={x.name} value={x.name}>
                  {t('web.import.mapping.sheetRows', { name: x.name, rows: formatNumber(x.rows, locale) })}
                </option>
              ))}
            </select>
          </Field>
          {value && sheet && (
            <HeaderRowInput
              key={value.sheet}
              value={value.headerRow}
              max={Math.max(1, sheet.rows)}
              onChange={(row) =>
                onChange(withHeaderRow(value, row, headerCells(preview, value.sheet, row), choices, names))
              }
            />
          )}
        </div>
      </div>
      {value && missing.length > 0 && (
        <div className="map-alert">
          <Alert tone="warn">
            {t('web.import.mapping.missing', { fields: missing.map((m) => `«${m.label}»`).join(', ') })}
          </Alert>
        </div>
      )}
      {value && sheet && (
        <MappingTable
          sheet={sheet}
          value={value}
          choices={choices}
          busy={busy}
          onAssign={(col, field) => onChange(assignColumn(value, col, field))}
        />
      )}
    </div>
  );
}

/** The header row as Excel numbers it (1-based); applied after a pause in typing. */
function HeaderRowInput({
  value,
  max,
  onChange,
}: {
  value: number;
  max: number;
  onChange: (row0: number) => void;
}) {
  const t = useT();
  const [text, setText] = useState(String(value + 1));
  const settled = useDebounced(text, 450);
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  const invalid = !(n >= 1 && n <= max);
  // A header row set elsewhere (automatic detection) replaces what was typed.
  useEffect(() => {
    setText((prev) => (Number(prev) === value + 1 ? prev : String(value + 1)));
  }, [value]);
  useEffect(() => {
    const v = /^\d+$/.test(settled.trim()) ? Number(settled.trim()) : NaN;
    if (v >= 1 && v <= max && v - 1 !== value) onChange(v - 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  return (
    <Field
      label={t('web.import.mapping.headerRow')}
      hint={t('web.import.mapping.headerRowHint')}
      error={invalid && text !== '' ? t('web.validation.range', { min: 1, max }) : undefined}
      className="header-row-field"
    >
      <input
        className="input"
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Field>
  );
}

const GROUPS = ['school', 'context', 'extra'] as const;

function MappingTable({
  sheet,
  value,
  choices,
  busy,
  onAssign,
}: {
  sheet: ImportPreview['sheets'][number];
  value: ImportSheetMapping;
  choices: FieldChoice[];
  busy: boolean;
  onAssign: (col: number, field: string) => void;
}) {
  const t = useT();
  const headerStart = Math.max(0, value.headerRow - (value.headerRows ?? 1) + 1);
  // Two rows of context above the header; the data rows the server sent below it.
  const from = Math.max(0, headerStart - 2);
  const rows = sheet.preview.slice(from);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const cols = Array.from({ length: width }, (_, i) => i);
  const header = sheet.preview[value.headerRow] ?? [];
  const byGroup = GROUPS.map((g) => [g, choices.filter((c) => c.group === g)] as const);
  return (
    <>
      {from > 0 && <p className="muted small map-note">{t('web.import.mapping.hiddenRows', { to: from })}</p>}
      <div className="table-wrap map-wrap" aria-busy={busy}>
        <table className="table map-table">
          <caption className="sr-only">{t('web.import.mapping.tableLabel', { sheet: sheet.name })}</caption>
          <thead>
            <tr>
              <th scope="col" className="map-rownum">
                {t('web.import.mapping.row')}
              </th>
              {cols.map((c) => {
                const field = value.columns[String(c)] ?? '';
                const letter = columnLetter(c);
                const text = header[c]?.trim();
                const known = !field || choices.some((x) => x.value === field);
                return (
                  <th scope="col" key={c}>
                    <label className="map-head">
                      <span className="map-col" aria-hidden>
                        {letter}
                      </span>
                      <select
                        className={field ? 'select map-select mapped' : 'select map-select'}
                        value={field}
                        aria-label={`${t('web.import.mapping.column', { column: letter })}${text ? ` «${text}»` : ''}`}
                        onChange={(e) => onAssign(c, e.target.value)}
                      >
                        <option value="">{t('web.import.mapping.skip')}</option>
                        {!known && <option value={field}>{field}</option>}
                        {byGroup.map(
                          ([g, list]) =>
                            list.length > 0 && (
                              <optgroup key={g} label={t(`web.import.mapping.group.${g}`)}>
                                {list.map((x) => (
                                  <option key={x.value} value={x.value}>
                                    {x.required ? `${x.label} *` : x.label}
                                  </option>
                                ))}
                              </optgroup>
                            ),
                        )}
                      </select>
                    </label>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const index = from + i;
              const isHeader = index >= headerStart && index <= value.headerRow;
              const above = index < headerStart;
              return (
                <tr key={index} className={isHeader ? 'map-header-row' : above ? 'map-above' : undefined}>
                  <th scope="row" className="map-rownum">
                    {index + 1}
                    {isHeader && (
                      <span className="badge badge-blue map-header-badge">
                        {t('web.import.mapping.headerMark')}
                      </span>
                    )}
                  </th>
                  {cols.map((c) => {
                    const v = r[c] ?? '';
                    return (
                      <td
                        key={c}
                        className={value.columns[String(c)] ? undefined : 'off'}
                        title={v || undefined}
                      >
                        {v}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
