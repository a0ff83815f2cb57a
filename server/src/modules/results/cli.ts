/**
 * `rost results parse|import FILE`: what an import of a file would write, and writing it, from
 * the command line. The file is streamed from disk (never read whole), so a million-row
 * student-level CSV goes through with bounded memory.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { translate } from '../../../../common/src/i18n/index.js';
import { resultsImportService, type ImportOptions } from './import-service.js';
import { fileSource } from './reader.js';
import { words } from './domain/text.js';

export interface CliOptions {
  procedure?: string;
  year?: string;
  grade?: string;
  subject?: string;
  template?: string;
  /** `label=code` (a group header that names no known subject → a subject), `label=-` to skip its columns. */
  map?: string[];
}

function options(o: CliOptions): ImportOptions {
  const num = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new AppError('results.badOptions', { detail: `--${name} ${v}` });
    return n;
  };
  return {
    ...(o.procedure ? { procedure: o.procedure.toUpperCase() } : {}),
    ...(o.year ? { year: num(o.year, 'year') } : {}),
    ...(o.grade ? { grade: num(o.grade, 'grade') } : {}),
    ...(o.subject ? { subject: o.subject } : {}),
    ...(o.template ? { templateId: num(o.template, 'template') } : {}),
    ...(o.map?.length
      ? {
          subjects: Object.fromEntries(
            o.map.map((pair) => {
              const i = pair.lastIndexOf('=');
              if (i <= 0) throw new AppError('results.badOptions', { detail: `--map ${pair}` });
              const code = pair.slice(i + 1).trim();
              return [words(pair.slice(0, i)), code === '-' ? null : code];
            }),
          ),
        }
      : {}),
  };
}

function source(file: string) {
  if (!fs.existsSync(file)) throw new AppError('backup.notFound', { file });
  return fileSource(file);
}

/** What an import would write: schools as matched, the figures, every problem. Nothing is written. */
export async function parseCommand(database: Database, who: Principal, file: string, o: CliOptions) {
  const { out, matcher } = await resultsImportService(database).dryRun(
    who,
    path.basename(file),
    source(file),
    options(o),
  );
  const schools = out.schools.map((s) => {
    const reg = s.match.schoolId !== null ? matcher.school(s.match.schoolId) : undefined;
    return {
      key: s.key,
      name: s.ref.name,
      code: s.ref.code,
      municipality: s.ref.municipality,
      status: s.match.status,
      statusLabel: translate('ru', `results.match.${s.match.status}`),
      schoolId: s.match.schoolId,
      schoolCode: reg?.code ?? null,
      schoolName: reg?.shortName ?? null,
      rows: s.rows,
      sheet: s.first.sheet,
      row: s.first.row,
      candidates: s.match.candidates,
    };
  });
  const byKey = new Map(schools.map((s) => [s.key, s]));
  const unresolved = schools.filter((s) => ['unmatched', 'ambiguous', 'forbidden'].includes(s.status));
  const problems = [
    ...unresolved.map((s) => ({
      file: path.basename(file),
      sheet: s.sheet,
      row: s.row,
      column: '',
      field: 'school',
      key:
        s.status === 'unmatched'
          ? 'results.schoolUnmatched'
          : s.status === 'ambiguous'
            ? 'results.schoolAmbiguous'
            : 'results.schoolForbidden',
      params: { name: s.name, municipality: s.municipality ?? '—', count: s.candidates.length },
      severity: 'error' as const,
      schoolKey: s.key,
    })),
    ...out.problems,
  ].map((p) => ({ ...p, message: translate('ru', p.key, p.params) }));
  return {
    file: path.resolve(file),
    format: out.format,
    kind: out.kind,
    sheets: out.sheets.map(({ columns: _c, ...s }) => s),
    stats: out.stats,
    schools,
    groups: out.groups.map((g) => {
      const s = byKey.get(g.schoolKey)!;
      return {
        school: {
          key: s.key,
          name: s.name,
          status: s.status,
          schoolId: s.schoolId,
          schoolCode: s.schoolCode,
        },
        procedure: g.procedure,
        subject: g.subject,
        grade: g.grade,
        year: g.year,
        figures: g.figures,
        fromStudents: g.fromStudents,
        sheet: g.source.sheet,
        row: g.source.row,
      };
    }),
    problems,
    problemCount: out.problemCount + unresolved.length,
    blocking:
      out.fileErrors +
      unresolved.length +
      out.schools.filter((s) => s.match.status !== 'excluded').reduce((n, s) => n + s.errors, 0),
  };
}
export type ParseReport = Awaited<ReturnType<typeof parseCommand>>;

function problemLine(p: { sheet: string; row: number; column: string; message: string; severity: string }) {
  const at = [
    p.sheet && `лист «${p.sheet}»`,
    p.row ? `строка ${p.row}` : '',
    p.column ? `столбец ${p.column}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `  ${p.severity === 'error' ? 'ошибка' : 'внимание'}${at ? ` (${at})` : ''}: ${p.message}`;
}

export function parseText(r: ParseReport): string {
  const lines = [
    `Файл: ${r.file} (${r.format ?? 'не прочитан'})`,
    `Листы: ${r.sheets.map((s) => `«${s.sheet}»${s.kind ? ` — ${s.procedure ?? '?'} ${s.year ?? '?'}, предметы: ${s.subjects.join(', ') || '—'}` : ' — пропущен'}`).join('; ')}`,
    `Строк: ${r.stats.rows}, записей: ${r.stats.records}, итоговых строк пропущено: ${r.stats.skippedTotals}${r.stats.students ? `, участников: ${r.stats.students}` : ''}`,
    `Школ в файле: ${r.schools.length}, сопоставлено: ${r.schools.filter((s) => s.schoolId !== null && s.status !== 'forbidden').length}`,
  ];
  const shown = r.schools.filter((s) => s.status !== 'code' && s.status !== 'name').slice(0, 50);
  if (shown.length) {
    lines.push('Школы, требующие внимания:');
    for (const s of shown) {
      const cands = s.candidates
        .slice(0, 3)
        .map((c) => `${c.name} [${c.code}] ${Math.round(c.score * 100)} %`);
      lines.push(
        `  ${s.key}. ${s.name}${s.municipality ? ` (${s.municipality})` : ''} — ${s.statusLabel}${cands.length ? `; похожие: ${cands.join('; ')}` : ''}`,
      );
    }
  }
  lines.push(`Будет записано показателей: ${r.groups.length}`);
  for (const g of r.groups.slice(0, 20)) {
    const f = g.figures;
    lines.push(
      `  ${g.school.schoolCode ?? '?'} ${g.school.name}: ${g.procedure} ${g.subject} ${g.grade || ''} ${g.year} — участников ${f.participants}, ниже минимума ${f.belowMin ?? '—'}, средний балл ${f.meanScore ?? '—'}`,
    );
  }
  if (r.groups.length > 20) lines.push(`  … и ещё ${r.groups.length - 20} (полный список: --json)`);
  lines.push(`Проблем: ${r.problemCount}, из них мешают записи: ${r.blocking}`);
  for (const p of r.problems.slice(0, 100)) lines.push(problemLine(p));
  if (r.problems.length > 100) lines.push(`  … и ещё ${r.problems.length - 100} (полный список: --json)`);
  return lines.join('\n');
}

/** Import a file: parse into a new import and commit it, or refuse with every problem listed. */
export async function importCommand(database: Database, who: Principal, file: string, o: CliOptions) {
  const service = resultsImportService(database);
  const id = await service.importSource(who, path.basename(file), source(file), options(o));
  const view = await service.view(who, id, 'ru');
  if (view.counts.blocking > 0) {
    throw new AppError(
      'results.cli.refused',
      { count: view.counts.blocking, id },
      400,
      view.problems.filter((p) => p.severity === 'error'),
    );
  }
  const r = await service.commit(who, id, 'ru');
  return { ...r, fileName: view.fileName, schools: view.counts.schools, students: view.counts.students };
}

export function importText(r: Awaited<ReturnType<typeof importCommand>>): string {
  return `Загрузка № ${r.id} (${r.fileName}) записана: новых показателей ${r.inserted}, заменено ${r.replaced}, без изменений ${r.unchanged}, школ исключено ${r.excluded}${r.students ? `, участников ${r.students}` : ''}.`;
}

export { problemLine };
