import type { z } from 'zod';
import type { Database, Db } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { schoolScope } from '../../platform/auth/principal.js';
import { ensure, policies } from '../../platform/auth/policies.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';
import type {
  DefinitionInput,
  DefinitionPatch,
  ManualValueInput,
  ProgrammeIndicatorInput,
  ProgrammeIndicatorPatch,
  BreakdownQuery,
} from '../../../../common/src/schemas/indicators.js';
import { programmesRepository } from '../programmes/repository.js';
import { checkEvidenceFile } from '../programmes/evidence-service.js';
import { conflictError } from '../../platform/conflict.js';
import type { FileStore } from '../../platform/files/index.js';
import { refOf, todayIn } from '../programmes/service.js';
import type { Programme } from '../programmes/schema.js';
import { indicatorsRepository, type PartRow } from './repository.js';
import type { IndicatorDefinitionRow } from './schema.js';
import {
  BUILTIN_DEFINITIONS,
  CALCULATIONS,
  FIELD_CATALOGUE,
  achievement,
  validateParams,
  validateTargets,
  validateUnit,
  validateValue,
  type Problem,
  fingerprint,
  getCalculation,
  mergeResultScopes,
  needsOf,
  renderMessage,
  renderParams,
  renderText,
  resultScopeOf,
  rollUp,
} from './domain/index.js';
import type {
  BasisRecord,
  CalcData,
  Calculation,
  Contribution,
  Direction,
  Level,
  Method,
  NoData,
  Unit,
} from './domain/types.js';

export interface IndicatorsOptions {
  now?: () => Date;
  timeZone?: string;
}

type IndicatorRowDb = Awaited<ReturnType<ReturnType<typeof indicatorsRepository>['indicators']>>[number];
type ValueRowDb = Awaited<ReturnType<ReturnType<typeof indicatorsRepository>['values']>>[number];

export const UNIT_LABEL: Record<Unit, string> = {
  percent: '%',
  count: 'ед.',
  score: 'балл',
  boolean: 'да/нет',
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Targets as stored (an array of {year, value}); imported rows may lack the year. */
export function targetsOf(raw: unknown): Array<{ year: number | null; value: number | null }> {
  return Array.isArray(raw) ? (raw as Array<{ year: number | null; value: number | null }>) : [];
}

/** Which words name a value's field in messages: `targets[2].value` → the target. */
const FIELD_LABEL: Array<[RegExp, string]> = [
  [/^targets\[\d+\]\.(value|year)$/, 'indicators.fieldLabel.target'],
  [/^unit$/, 'indicators.fieldLabel.unit'],
  [/^baseline$/, 'indicators.fieldLabel.baseline'],
  [/^value$/, 'indicators.fieldLabel.value'],
];

/** A refused value: the message names the field in words of the reader's language; details keep the path. */
class ValueError extends AppError {
  constructor(private readonly problem: Problem) {
    super(problem.key, problem.params, 400, [{ field: problem.field, message: problem.message }]);
  }
  override render(locale: Locale): string {
    const key = FIELD_LABEL.find(([re]) => re.test(this.problem.field))?.[1];
    const field = key ? translate(locale, key) : this.problem.field;
    return translate(locale, this.code, { ...this.params, field });
  }
}
const valueError = (p: Problem) => new ValueError(p);

/**
 * A no-data reason in the reader's language: the sentence and its params rendered (a procedure, subject
 * or field named in the params is a message of the catalogue; reasons stored as words stay as written).
 */
export function noDataIn(locale: Locale, n: NoData | null) {
  if (!n) return null;
  const params = renderParams(locale, n.params);
  return { key: n.key, ...(params ? { params } : {}), message: renderMessage(locale, n) };
}

export function indicatorsService(database: Database, opts: IndicatorsOptions = {}) {
  const { db } = database;
  const repo = indicatorsRepository(db);
  const programmes = programmesRepository(db);
  const now = opts.now ?? (() => new Date());
  const timeZone = opts.timeZone ?? process.env.ROST_TIMEZONE ?? 'Europe/Moscow';
  const today = () => todayIn(now(), timeZone);

  // The built-in catalogue is written on first use in each process (new built-ins arrive without a migration).
  let catalogueReady: Promise<void> | null = null;
  const ready = () =>
    (catalogueReady ??= ensureCatalogue().catch((e) => {
      catalogueReady = null;
      throw e;
    }));
  async function ensureCatalogue() {
    await repo.upsertBuiltins(
      BUILTIN_DEFINITIONS.map((d, k) => ({
        code: d.code!,
        name: d.name,
        description: d.description ?? null,
        unit: d.unit,
        direction: d.direction,
        level: d.level,
        method: d.method,
        calculation: d.calculation,
        params: JSON.stringify(d.params ?? {}),
        numerator_label: d.numeratorLabel ?? null,
        denominator_label: d.denominatorLabel ?? null,
        data_note: d.dataNote ?? null,
        builtin: true,
        sort_order: d.sortOrder ?? (k + 1) * 10,
      })),
    );
  }

  const noDataOut = (n: NoData | null, locale: Locale) => noDataIn(locale, n);

  async function visibleProgramme(p: Principal, id: number): Promise<Programme> {
    const g = await programmes.get(id);
    if (!g || !policies.canReadProgramme(p, refOf(g))) throw notFound();
    return g;
  }
  async function editableProgramme(p: Principal, id: number): Promise<Programme> {
    const g = await visibleProgramme(p, id);
    ensure(policies.canEditProgramme(p, refOf(g)));
    if (g.status === 'completed') throw new AppError('programmes.notEditable', {}, 409);
    return g;
  }
  async function visibleIndicator(p: Principal, id: number) {
    const i = await repo.indicator(id);
    if (!i) throw notFound();
    const g = await visibleProgramme(p, i.programme_id);
    return { i, g };
  }
  async function editableIndicator(p: Principal, id: number) {
    const i = await repo.indicator(id);
    if (!i) throw notFound();
    const g = await editableProgramme(p, i.programme_id);
    return { i, g };
  }
  /**
   * The 409 naming who changed it and when; `tx` when called inside a transaction (PGlite has one
   * connection). The message carries the time in the server's zone (for API clients); `details.conflict.at`
   * is the ISO instant the web formats in the reader's own zone (as programmes do).
   */
  const conflict = (userId: number | null, at: Date, tx: Db = db) => conflictError(tx, userId, at, timeZone);

  /** Checks a computed indicator's calculation and parameters; errors name the field. */
  function checkMethod(method: Method, calculation: string | null | undefined, params: unknown, unit: Unit) {
    if (method !== 'computed') return;
    const calc = calculation ? getCalculation(calculation) : undefined;
    if (!calc) throw new AppError('indicators.unknownCalculation', { name: calculation ?? '—' }, 400);
    const wrongUnit = validateUnit(calc, unit);
    if (wrongUnit) throw valueError(wrongUnit);
    const problems = validateParams(calc, params ?? {});
    if (problems.length)
      throw new AppError(
        'indicators.badParams',
        { details: problems.map((x) => x.message).join('; ') },
        400,
        problems.map((x) => ({ field: x.field, message: x.message })),
      );
  }

  /** Baseline and targets within the unit's range; the first problem names the field. */
  /** Baseline and dated targets within the unit's range, no year twice; the first problem names the field. */
  function checkTargets(
    unit: Unit,
    baseline: number | null,
    targets: Array<{ year: number | null; value: number | null }>,
  ) {
    const problems = [
      ...(baseline === null ? [] : [validateValue(baseline, unit, 'baseline')]),
      // imported targets may lack the year («4 %» in a document): they keep their place, unchecked by year
      ...validateTargets(
        targets.filter((t): t is { year: number; value: number | null } => t.year !== null),
        unit,
      ),
    ].filter((x): x is Problem => x !== null);
    if (problems.length) throw valueError(problems[0]!);
  }

  function presentDefinition(d: IndicatorDefinitionRow, uses = 0) {
    return {
      code: d.code,
      name: d.name,
      description: d.description,
      unit: d.unit,
      direction: d.direction,
      level: d.level,
      method: d.method,
      calculation: d.calculation,
      params: d.params ?? {},
      numeratorLabel: d.numerator_label,
      denominatorLabel: d.denominator_label,
      dataNote: d.data_note,
      builtin: d.builtin,
      version: d.version,
      uses,
    };
  }

  function presentValue(v: ValueRowDb, i: IndicatorRowDb, locale: Locale) {
    const target = targetsOf(i.targets).find((t) => t.year === v.year)?.value ?? null;
    const value = num(v.value);
    return {
      year: v.year,
      method: v.method,
      value,
      numerator: num(v.numerator),
      denominator: num(v.denominator),
      counted: v.counted,
      missing: v.missing,
      noData: noDataOut(v.no_data, locale),
      source: v.source,
      comment: v.comment,
      evidenceFileId: v.evidence_file_id,
      evidenceName: v.evidence_name ?? null,
      fingerprint: v.fingerprint,
      computedAt: new Date(v.computed_at).toISOString(),
      computedByName: v.computed_by_name ?? null,
      version: v.version,
      target,
      achievement: achievement(value, target, i.direction, i.unit_kind),
    };
  }

  function presentIndicator(
    i: IndicatorRowDb,
    values: ValueRowDb[],
    defs: Map<string, IndicatorDefinitionRow>,
    locale: Locale,
  ) {
    const d = i.code ? defs.get(i.code) : undefined;
    return {
      id: i.id,
      programmeId: i.programme_id,
      code: i.code,
      number: i.number,
      name: i.name,
      unit: i.unit_kind,
      // the default unit words (stored in Russian) in the reader's language; a unit as written in a document stays
      unitLabel:
        i.unit?.trim() && i.unit.trim() !== UNIT_LABEL[i.unit_kind]
          ? i.unit.trim()
          : translate(locale, `indicators.unitShort.${i.unit_kind}`),
      direction: i.direction,
      level: i.level,
      method: i.method,
      calculation: i.calculation,
      params: i.params ?? {},
      numeratorLabel: d?.numerator_label ?? null,
      denominatorLabel: d?.denominator_label ?? null,
      dataNote: d?.data_note ?? null,
      baseline: num(i.baseline),
      baselineYear: i.baseline_year,
      targets: targetsOf(i.targets),
      values: values.filter((v) => v.indicator_id === i.id).map((v) => presentValue(v, i, locale)),
      version: i.version,
    };
  }

  /** The years of the table: the programme's period, the baseline, the targets and any value. */
  function yearsOf(g: Programme, rows: IndicatorRowDb[], values: ValueRowDb[]): number[] {
    const ys = new Set<number>();
    const from = g.period_from ? Number(g.period_from.slice(0, 4)) : null;
    const to = g.period_to ? Number(g.period_to.slice(0, 4)) : null;
    if (from && to && to - from <= 15) for (let y = from; y <= to; y++) ys.add(y);
    for (const r of rows) {
      if (r.baseline_year) ys.add(r.baseline_year);
      for (const t of targetsOf(r.targets)) if (t.year) ys.add(t.year);
    }
    for (const v of values) ys.add(v.year);
    return [...ys].sort((a, b) => a - b);
  }

  /** A programme's indicators with their values by year. */
  async function presentTable(g: Programme, locale: Locale) {
    const rows = await repo.indicators(g.id);
    const [values, defs] = await Promise.all([repo.values(rows.map((r) => r.id)), repo.definitions()]);
    const byCode = new Map(defs.map((d) => [d.code, d]));
    return {
      years: yearsOf(g, rows, values),
      indicators: rows.map((r) => presentIndicator(r, values, byCode, locale)),
    };
  }

  // ---------------------------------------------------------------------------------- computation
  interface Prepared {
    ind: IndicatorRowDb;
    calc: Calculation<unknown> | null;
    params: unknown;
    problem: NoData | null;
  }

  function prepare(ind: IndicatorRowDb): Prepared {
    const calc = ind.calculation
      ? (getCalculation(ind.calculation) as Calculation<unknown> | undefined)
      : undefined;
    if (!calc) return { ind, calc: null, params: null, problem: { key: 'indicators.noCalculation' } };
    try {
      return { ind, calc, params: calc.parseParams(ind.params ?? {}), problem: null };
    } catch {
      return { ind, calc, params: null, problem: { key: 'indicators.badStoredParams' } };
    }
  }

  /**
   * Loads once what the calculations of one programme need: only the result rows of their
   * procedures and subjects. `onlySchools` narrows the schools (the basis of one school).
   */
  async function loadData(
    programmeId: number,
    list: Prepared[],
    year: number,
    onlySchools?: number[],
  ): Promise<CalcData> {
    const usable = list.filter((x) => x.calc && !x.problem);
    const needs = new Set(usable.flatMap((x) => needsOf(x.calc as Calculation, x.params)));
    const offsets = new Set(usable.flatMap((x) => x.calc!.resultYears ?? [0, -1]));
    const years = [...offsets].map((o) => year + o).sort();
    const scopes = mergeResultScopes(
      usable.flatMap((x) => {
        const n = needsOf(x.calc as Calculation, x.params);
        const sc = n.includes('results') || n.includes('students') ? resultScopeOf(x.params) : null;
        return sc ? [sc] : [];
      }),
    );
    const all = await repo.programmeSchoolIds(programmeId);
    const ids = onlySchools ? all.filter((id) => onlySchools.includes(id)) : all;
    const [schools, results, students, approvedLists, activities] = await Promise.all([
      repo.schools(ids, year, needs.has('context')),
      needs.has('results') ? repo.results(ids, years, scopes) : Promise.resolve([]),
      needs.has('students') ? repo.students(ids, years, scopes) : Promise.resolve([]),
      needs.has('approvedLists') ? repo.approvedLists([year - 1, year]) : Promise.resolve([]),
      needs.has('activities') ? repo.activities(programmeId) : Promise.resolve([]),
    ]);
    return { year, today: today(), schools, results, students, approvedLists, activities };
  }

  function partsOf(
    contributions: Contribution[],
    unit: Unit,
  ): { parts: PartRow[]; roll: ReturnType<typeof rollUp> } {
    // the records behind each school's figure are not stored: `basis` computes them again
    const roll = rollUp(contributions, unit);
    const parts: PartRow[] = [];
    for (const m of roll.byMunicipality)
      parts.push({
        scope: 'municipality',
        scopeId: m.municipalityId,
        municipalityId: m.municipalityId,
        numerator: m.figure.numerator,
        denominator: m.figure.denominator,
        value: m.figure.value,
        noData: m.figure.noData ?? null,
      });
    if (roll.unattached)
      parts.push({
        scope: 'unattached',
        scopeId: 0,
        municipalityId: null,
        numerator: roll.unattached.numerator,
        denominator: roll.unattached.denominator,
        value: roll.unattached.value,
        noData: roll.unattached.noData ?? null,
      });
    const bySchool = new Map(roll.bySchool.map((s) => [s.schoolId, s.figure]));
    for (const c of contributions) {
      if (c.schoolId === null) continue;
      const f = bySchool.get(c.schoolId);
      parts.push({
        scope: 'school',
        scopeId: c.schoolId,
        municipalityId: c.municipalityId,
        numerator: c.numerator,
        denominator: c.denominator,
        value: f?.value ?? null,
        noData: c.noData ?? f?.noData ?? null,
      });
    }
    return { parts, roll };
  }

  type Computed = {
    indicatorId: number;
    name: string;
    year: number;
    value: number | null;
    noData: NoData | null;
  };

  /** Writes a computed value with its parts, and an audit record when it changed, in one transaction. */
  async function storeComputed(
    who: Principal | null,
    ind: IndicatorRowDb,
    year: number,
    r: {
      value: number | null;
      noData: NoData | null;
      fp: string | null;
      roll: ReturnType<typeof rollUp>;
      parts: PartRow[];
    },
  ) {
    await db.transaction().execute(async (tx) => {
      const before = await repo.value(ind.id, year, tx);
      await repo.saveValue(
        tx,
        {
          indicatorId: ind.id,
          year,
          method: 'computed',
          value: r.value,
          numerator: r.noData ? null : r.roll.total.numerator,
          denominator: r.noData ? null : r.roll.total.denominator,
          counted: r.roll.total.counted,
          missing: r.roll.total.missing,
          noData: r.noData,
          source: null,
          comment: null,
          evidenceFileId: null,
          fingerprint: r.fp,
          userId: who && who.id > 0 ? who.id : null,
        },
        r.parts,
      );
      if (!before || num(before.value) !== r.value || before.fingerprint !== r.fp)
        await audit(tx, who, {
          action: 'compute',
          entity: 'indicator_value',
          entityId: ind.id,
          summary: `${ind.name.slice(0, 120)} · ${year}`,
          before: before ? { value: num(before.value), fingerprint: before.fingerprint } : undefined,
          after: {
            value: r.value,
            numerator: r.roll.total.numerator,
            denominator: r.roll.total.denominator,
            fingerprint: r.fp,
          },
        });
    });
  }

  /**
   * Computes the computed indicators of one programme for a year over data loaded once. Each value
   * is stored in its own transaction while the next one is computed (at most two writes in flight).
   */
  async function computeList(
    who: Principal | null,
    programmeId: number,
    inds: IndicatorRowDb[],
    year: number,
  ) {
    const list = inds.filter((i) => i.method === 'computed').map(prepare);
    if (!list.length) return [];
    const data = await loadData(programmeId, list, year);
    const out: Computed[] = [];
    const writing: Array<Promise<void>> = [];
    const errors: unknown[] = [];
    for (const x of list) {
      let contributions: Contribution[] = [];
      let whole: NoData | null = x.problem;
      if (!whole && x.calc) {
        const needsSchools = !(x.calc.needs.length === 1 && x.calc.needs[0] === 'activities');
        if (needsSchools && data.schools.length === 0) whole = { key: 'indicators.noSchools' };
        else contributions = x.calc.compute(x.params, data);
      }
      const { parts, roll } = partsOf(contributions, x.ind.unit_kind);
      const noData =
        whole ?? (roll.total.value === null ? (roll.total.noData ?? { key: 'indicators.noData' }) : null);
      const value = noData ? null : roll.total.value;
      const fp = x.calc && !whole ? fingerprint(x.calc.name, x.params, contributions) : null;
      if (writing.length >= 2) await writing.shift();
      writing.push(
        storeComputed(who, x.ind, year, { value, noData, fp, roll, parts }).catch(
          (e: unknown) => void errors.push(e),
        ),
      );
      out.push({ indicatorId: x.ind.id, name: x.ind.name, year, value, noData });
    }
    await Promise.all(writing);
    if (errors.length) throw errors[0];
    return out;
  }

  return {
    /** Writes the built-in catalogue (new entries, and refreshes of entries nobody edited). */
    ensureCatalogue: ready,

    // ------------------------------------------------------------------------------ catalogue
    async catalogue(locale: Locale) {
      await ready();
      const defs = await repo.definitions();
      const uses = await repo.definitionUseCounts();
      return {
        definitions: defs.map((d) => presentDefinition(d, uses.get(d.code) ?? 0)),
        calculations: Object.values(CALCULATIONS).map((c) => ({
          name: c.name,
          title: translate(locale, `indicators.calc.${c.name}`),
          units: c.units,
        })),
        fields: FIELD_CATALOGUE.map((f) => ({
          field: f.field,
          title: translate(locale, f.titleKey),
          source: f.source,
          unit: f.unit,
          values: f.values ?? null,
        })),
      };
    },
    async createDefinition(p: Principal, input: z.infer<typeof DefinitionInput>) {
      ensure(policies.canDefineIndicators(p));
      await ready();
      checkMethod(input.method, input.calculation, input.params, input.unit);
      if (await repo.definition(input.code))
        throw new AppError('indicators.codeTaken', { code: input.code }, 409);
      return db.transaction().execute(async (tx) => {
        const row = await repo.insertDefinition(tx, {
          code: input.code,
          name: input.name,
          description: input.description,
          unit: input.unit,
          direction: input.direction,
          level: input.level,
          method: input.method,
          calculation: input.method === 'computed' ? input.calculation : null,
          params: JSON.stringify(input.params),
          numerator_label: input.numeratorLabel,
          denominator_label: input.denominatorLabel,
          data_note: input.dataNote,
          builtin: false,
          updated_by: p.id > 0 ? p.id : null,
        });
        await audit(tx, p, {
          action: 'create',
          entity: 'indicator_definition',
          entityId: row.code,
          summary: row.name,
          after: input,
        });
        return presentDefinition(row);
      });
    },
    async updateDefinition(p: Principal, code: string, patch: z.infer<typeof DefinitionPatch>) {
      ensure(policies.canDefineIndicators(p));
      const d = await repo.definition(code);
      if (!d) throw notFound();
      const unit = patch.unit ?? d.unit;
      const method = patch.method ?? d.method;
      const calculation = patch.calculation !== undefined ? patch.calculation : d.calculation;
      checkMethod(method, calculation, patch.params ?? d.params, unit);
      const row = await db.transaction().execute(async (tx) => {
        const row = await repo.updateDefinition(tx, code, patch.version, {
          name: patch.name,
          description: patch.description,
          unit: patch.unit,
          direction: patch.direction,
          level: patch.level,
          method: patch.method,
          calculation: method === 'computed' ? calculation : null,
          params: patch.params ? JSON.stringify(patch.params) : undefined,
          numerator_label: patch.numeratorLabel,
          denominator_label: patch.denominatorLabel,
          data_note: patch.dataNote,
          updated_by: p.id > 0 ? p.id : null,
        });
        if (!row) throw await conflict(d.updated_by, d.updated_at, tx);
        await audit(tx, p, {
          action: 'update',
          entity: 'indicator_definition',
          entityId: code,
          summary: row.name,
          before: presentDefinition(d),
          after: presentDefinition(row),
        });
        return row;
      });
      return presentDefinition(row, await repo.definitionUses(code));
    },
    async deleteDefinition(p: Principal, code: string) {
      ensure(policies.canDefineIndicators(p));
      const d = await repo.definition(code);
      if (!d) throw notFound();
      if (d.builtin) throw new AppError('indicators.builtinDelete', {}, 409);
      await db.transaction().execute(async (tx) => {
        await repo.deleteDefinition(tx, code);
        await audit(tx, p, {
          action: 'delete',
          entity: 'indicator_definition',
          entityId: code,
          summary: d.name,
          before: presentDefinition(d),
        });
      });
    },

    // ------------------------------------------------------------------------------ a programme's indicators
    async table(p: Principal, programmeId: number, locale: Locale) {
      const g = await visibleProgramme(p, programmeId);
      return {
        programmeId,
        canEdit: policies.canEditProgramme(p, refOf(g)) && g.status !== 'completed',
        ...(await presentTable(g, locale)),
      };
    },

    async addIndicator(
      p: Principal,
      programmeId: number,
      input: z.infer<typeof ProgrammeIndicatorInput>,
      locale: Locale,
    ) {
      await editableProgramme(p, programmeId);
      await ready();
      const d = input.code ? await repo.definition(input.code) : undefined;
      if (input.code && !d) throw new AppError('indicators.unknownCode', { code: input.code }, 400);
      const name = input.name ?? d?.name;
      if (!name) throw new AppError('indicators.nameRequired', {}, 400);
      const unit: Unit = input.unit ?? d?.unit ?? 'percent';
      const method: Method = input.method ?? d?.method ?? 'manual';
      const calculation = input.calculation !== undefined ? input.calculation : (d?.calculation ?? null);
      const params = input.params ?? d?.params ?? {};
      checkMethod(method, calculation, params, unit);
      checkTargets(unit, input.baseline, input.targets);
      const id = await db.transaction().execute(async (tx) => {
        const row = await repo.insertIndicator(tx, {
          programme_id: programmeId,
          code: d?.code ?? null,
          number: input.number ?? null,
          name,
          unit: UNIT_LABEL[unit],
          unit_kind: unit,
          direction: (input.direction ?? d?.direction ?? 'higher') as Direction,
          level: (input.level ?? d?.level ?? 'school') as Level,
          method,
          calculation: method === 'computed' ? calculation : null,
          params: JSON.stringify(params),
          baseline: input.baseline,
          baseline_year: input.baselineYear,
          targets: JSON.stringify(input.targets) as never,
          sort_order: await repo.nextSortOrder(tx, programmeId),
          updated_by: p.id > 0 ? p.id : null,
        });
        await audit(tx, p, {
          action: 'create',
          entity: 'programme_indicator',
          entityId: row.id,
          summary: name.slice(0, 200),
          after: input,
        });
        return row.id;
      });
      return (await this.table(p, programmeId, locale)).indicators.find((x) => x.id === id)!;
    },

    async updateIndicator(
      p: Principal,
      id: number,
      patch: z.infer<typeof ProgrammeIndicatorPatch>,
      locale: Locale,
    ) {
      const { i } = await editableIndicator(p, id);
      const unit = patch.unit ?? i.unit_kind;
      const method = patch.method ?? i.method;
      const calculation = patch.calculation !== undefined ? patch.calculation : i.calculation;
      const params = patch.params ?? i.params ?? {};
      checkMethod(method, calculation, params, unit);
      const baseline = patch.baseline !== undefined ? patch.baseline : num(i.baseline);
      const targets = patch.targets ?? targetsOf(i.targets);
      checkTargets(unit, baseline, targets);
      await db.transaction().execute(async (tx) => {
        const row = await repo.updateIndicator(tx, id, patch.version, {
          number: patch.number,
          name: patch.name,
          unit: patch.unit ? UNIT_LABEL[patch.unit] : undefined,
          unit_kind: patch.unit,
          direction: patch.direction,
          level: patch.level,
          method: patch.method,
          calculation: method === 'computed' ? calculation : null,
          params: patch.params ? JSON.stringify(patch.params) : undefined,
          baseline: patch.baseline,
          baseline_year: patch.baselineYear,
          targets: patch.targets ? (JSON.stringify(patch.targets) as never) : undefined,
          updated_by: p.id > 0 ? p.id : null,
        });
        if (!row) throw await conflict(i.updated_by, i.updated_at, tx);
        // A change of method or unit makes the stored values of the other method meaningless.
        if ((patch.method && patch.method !== i.method) || (patch.unit && patch.unit !== i.unit_kind))
          await repo.deleteValues(tx, id);
        await audit(tx, p, {
          action: 'update',
          entity: 'programme_indicator',
          entityId: id,
          summary: (patch.name ?? i.name).slice(0, 200),
          before: { ...i, targets: targetsOf(i.targets) },
          after: patch,
        });
      });
      return (await this.table(p, i.programme_id, locale)).indicators.find((x) => x.id === id)!;
    },

    async deleteIndicator(p: Principal, id: number) {
      const { i } = await editableIndicator(p, id);
      await db.transaction().execute(async (tx) => {
        await repo.deleteIndicator(tx, id);
        await audit(tx, p, {
          action: 'delete',
          entity: 'programme_indicator',
          entityId: id,
          summary: i.name.slice(0, 200),
          before: { ...i, targets: targetsOf(i.targets) },
        });
      });
    },

    // ------------------------------------------------------------------------------ values
    async compute(p: Principal, id: number, year: number) {
      const { i } = await editableIndicator(p, id);
      if (i.method !== 'computed') throw new AppError('indicators.notComputed', {}, 409);
      return computeList(p, i.programme_id, [i], year);
    },
    async computeProgramme(p: Principal, programmeId: number, year: number) {
      await editableProgramme(p, programmeId);
      return computeList(p, programmeId, await repo.indicators(programmeId), year);
    },
    /** Every computed indicator of every programme (or of the given ones), for the command line. */
    async computeAll(year: number, programmeIds?: number[]) {
      const ids = programmeIds ?? (await repo.programmesWithComputed());
      const out = [];
      for (const id of ids) out.push(...(await computeList(null, id, await repo.indicators(id), year)));
      return out;
    },

    async setManual(p: Principal, id: number, year: number, input: z.infer<typeof ManualValueInput>) {
      const { i } = await editableIndicator(p, id);
      if (i.method !== 'manual') throw new AppError('indicators.notManual', {}, 409);
      const pr = validateValue(input.value, i.unit_kind, 'value', year);
      if (pr) throw valueError(pr);
      const before = await repo.value(id, year);
      if (before && input.version !== undefined && before.version !== input.version)
        throw await conflict(before.computed_by, before.computed_at);
      if (before && input.version === undefined) throw await conflict(before.computed_by, before.computed_at);
      await db.transaction().execute(async (tx) => {
        await repo.saveValue(
          tx,
          {
            indicatorId: id,
            year,
            method: 'manual',
            value: input.value,
            numerator: null,
            denominator: null,
            counted: 0,
            missing: 0,
            noData: null,
            source: input.source,
            comment: input.comment,
            // the attached file stays with the value (replaced through attachEvidence)
            evidenceFileId: before?.evidence_file_id ?? null,
            fingerprint: null,
            userId: p.id > 0 ? p.id : null,
          },
          [],
        );
        await audit(tx, p, {
          action: before ? 'update' : 'create',
          entity: 'indicator_value',
          entityId: id,
          summary: `${i.name.slice(0, 120)} · ${year}`,
          before: before ? { value: num(before.value), source: before.source } : undefined,
          after: { value: input.value, source: input.source, comment: input.comment },
        });
      });
    },
    async deleteValue(p: Principal, id: number, year: number) {
      const { i } = await editableIndicator(p, id);
      await db.transaction().execute(async (tx) => {
        const v = await repo.deleteValue(tx, id, year);
        if (!v) throw notFound();
        await audit(tx, p, {
          action: 'delete',
          entity: 'indicator_value',
          entityId: id,
          summary: `${i.name.slice(0, 120)} · ${year}`,
          before: { value: num(v.value), source: v.source },
        });
      });
    },

    /** A value with its municipal parts and a page of its schools (school rows within the user's scope). */
    async breakdown(
      p: Principal,
      id: number,
      year: number,
      q: z.infer<typeof BreakdownQuery>,
      locale: Locale,
    ) {
      const { i } = await visibleIndicator(p, id);
      const v = (await repo.values([id])).find((x) => x.year === year);
      if (!v) throw notFound();
      const scope = schoolScope(p);
      const municipalities = (await repo.municipalityParts(v.id))
        .filter(
          (m) =>
            m.scope === 'unattached' || scope.kind !== 'municipality' || m.scope_id === scope.municipalityId,
        )
        .map((m) => ({
          municipalityId: m.scope === 'unattached' ? null : m.scope_id,
          name: m.scope === 'unattached' ? translate(locale, 'indicators.unattached') : (m.name ?? '—'),
          numerator: Number(m.numerator),
          denominator: Number(m.denominator),
          value: num(m.value),
          noData: noDataOut(m.no_data, locale),
        }));
      let municipalityId = q.municipalityId;
      if (scope.kind === 'municipality') {
        if (municipalityId !== undefined && municipalityId !== scope.municipalityId)
          return {
            indicatorId: id,
            year,
            unit: i.unit_kind,
            value: presentValue(v, i, locale),
            municipalities,
            schools: { total: 0, items: [] },
          };
        municipalityId = scope.municipalityId;
      }
      const schools = await repo.schoolParts(v.id, {
        municipalityId,
        schoolIds: scope.kind === 'schools' ? scope.schoolIds : null,
        noData: q.noData === undefined ? undefined : q.noData === 'true',
        limit: q.limit,
        offset: q.offset,
      });
      return {
        indicatorId: id,
        year,
        unit: i.unit_kind,
        value: presentValue(v, i, locale),
        municipalities,
        schools: {
          total: schools.total,
          items: schools.rows.map((s) => ({
            schoolId: s.school_id,
            code: s.code,
            name: s.short_name,
            municipalityId: s.municipality_id,
            numerator: Number(s.numerator),
            denominator: Number(s.denominator),
            value: num(s.value),
            noData: noDataOut(s.no_data, locale),
          })),
        },
      };
    },

    /**
     * The records counted for one school (or for the items tied to no school: schoolId null),
     * computed again from the current data; `changed` when they no longer give the stored figure
     * (the data changed after the computation).
     */
    async basis(p: Principal, id: number, year: number, schoolId: number | null, locale: Locale) {
      const { i } = await visibleIndicator(p, id);
      const v = await repo.value(id, year);
      if (!v) throw notFound();
      let name = translate(locale, 'indicators.unattached');
      if (schoolId !== null) {
        const s = await repo.school(schoolId);
        if (!s || !policies.canReadSchool(p, { id: s.id, municipalityId: s.municipality_id }))
          throw notFound();
        name = s.short_name;
      }
      const part = await repo.part(v.id, schoolId === null ? 'unattached' : 'school', schoolId ?? 0);
      if (!part) throw notFound();
      let basis: BasisRecord[] = [];
      let changed = false;
      const x = i.method === 'computed' ? prepare(i) : null;
      if (x?.calc && !x.problem) {
        const data = await loadData(i.programme_id, [x], year, schoolId === null ? [] : [schoolId]);
        const mine = x.calc.compute(x.params, data).filter((c) => c.schoolId === schoolId);
        basis = mine.flatMap((c) => c.basis);
        const num = mine.reduce((a, c) => a + c.numerator, 0);
        const den = mine.reduce((a, c) => a + c.denominator, 0);
        changed = num !== Number(part.numerator) || den !== Number(part.denominator);
      }
      return {
        schoolId,
        name,
        numerator: Number(part.numerator),
        denominator: Number(part.denominator),
        value: num(part.value),
        noData: noDataOut(part.no_data, locale),
        basis: basis.map((b) => ({ ...b, label: String(renderText(locale, b.label)) })),
        changed,
      };
    },

    /** May the user attach a file to this value? Checked before the upload is read. */
    async checkEvidenceUpload(p: Principal, id: number, year: number) {
      const { i } = await editableIndicator(p, id);
      const v = await repo.value(id, year);
      if (!v || v.method !== 'manual') throw new AppError('indicators.evidenceNoValue', { year }, 409);
      return { i, v };
    },
    /** Attach (or replace) the file behind a manual value: checked like roadmap evidence. */
    async attachEvidence(
      p: Principal,
      id: number,
      year: number,
      file: { name: string; data: Buffer },
      files: FileStore,
      maxBytes: number,
    ) {
      const { i, v } = await this.checkEvidenceUpload(p, id, year);
      const mime = checkEvidenceFile(file.name, file.data, maxBytes);
      await db.transaction().execute(async (tx) => {
        const stored = await files.put(tx, { name: file.name, mime, data: file.data, createdBy: p.id });
        await repo.setEvidence(tx, v.id, stored.id);
        if (v.evidence_file_id) await files.remove(tx, v.evidence_file_id);
        await audit(tx, p, {
          action: 'update',
          entity: 'indicator_value',
          entityId: id,
          summary: `${i.name.slice(0, 100)} · ${year} · ${file.name}`,
          after: { evidence: file.name },
        });
      });
    },
    async evidence(p: Principal, id: number, year: number, files: FileStore) {
      await visibleIndicator(p, id);
      const v = await repo.value(id, year);
      const f = v?.evidence_file_id ? await files.get(db, v.evidence_file_id) : undefined;
      if (!f) throw notFound();
      return f;
    },

    /** For documents: the table of a programme (no access check: the caller has done it). */
    async tableFor(programmeId: number, locale: Locale) {
      const g = await programmes.get(programmeId);
      if (!g) throw notFound();
      return presentTable(g, locale);
    },
  };
}

export type IndicatorsService = ReturnType<typeof indicatorsService>;
