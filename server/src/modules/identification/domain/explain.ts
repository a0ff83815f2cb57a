import { translate, type Locale } from '../../../../../common/src/i18n/index.js';
import type { ContextOutcome, SchoolContext } from './context.js';
import { formatNumber, formatPercent, formatThreshold, joinList, label, participants } from './format.js';
import type { SchoolModel, ShareModelFit } from './model.js';
import type { IdentificationParams } from './params.js';
import type { RuleCell, RuleResult } from './rule.js';
import type { Procedure } from './types.js';

/** What the explanation of one school is built from (all present in an IdentificationOutcome). */
export interface ExplainInput {
  year: number;
  params: IdentificationParams;
  rule: RuleResult;
  context: SchoolContext;
  contextRule: ContextOutcome['rule'];
  contextCutoff: number | null;
  model: SchoolModel;
  modelFit: ShareModelFit | null;
}

/** The explanation of one school as sentences in the given locale (Russian by default). */
export function explainSchool(input: ExplainInput, locale: Locale = 'ru'): string[] {
  return [...explainRule(input, locale), ...explainContext(input, locale), ...explainModel(input, locale)];
}

const t = (locale: Locale, key: string, params?: Record<string, string | number | null | undefined>) =>
  translate(locale, `identification.${key}`, params);

const procNom = (locale: Locale, p: Procedure) => label(locale, 'procedure', p);
const procDat = (locale: Locale, p: Procedure) => label(locale, 'procedureDat', p);
const subj = (locale: Locale, s: string) => label(locale, 'subject', s);

function extra(locale: Locale, cell: RuleCell, params: IdentificationParams): string {
  return params.mode === 'wilson'
    ? t(locale, 'item.wilson', { lower: formatPercent(locale, cell.wilsonLower) })
    : '';
}

/** "41,2 % (14 из 34) по ВПР, русский язык" */
export function cellItem(locale: Locale, cell: RuleCell, params: IdentificationParams): string {
  return t(locale, cell.grade === null ? 'item.cell' : 'item.cellGrade', {
    percent: formatPercent(locale, cell.share),
    below: cell.belowMin,
    participants: cell.participants,
    extra: extra(locale, cell, params),
    procedure: procDat(locale, cell.procedure),
    subject: subj(locale, cell.subject),
    grade: cell.grade,
  });
}

/** "33,3 % (10 из 30, математика)" */
function shortItem(locale: Locale, cell: RuleCell, params: IdentificationParams): string {
  return t(locale, cell.grade === null ? 'item.short' : 'item.shortGrade', {
    percent: formatPercent(locale, cell.share),
    below: cell.belowMin,
    participants: cell.participants,
    extra: extra(locale, cell, params),
    subject: subj(locale, cell.subject),
    grade: cell.grade,
  });
}

function countWord(locale: Locale, n: number): string {
  const key = `identification.count.${n}`;
  const w = translate(locale, key);
  return w === key ? String(n) : w;
}

/** Met cells of a procedure and year that count for the rule (the subjects that met it). */
function metCells(rule: RuleResult, procedure: Procedure, year: number): RuleCell[] {
  const py = rule.procedures.find((p) => p.procedure === procedure && p.year === year);
  return rule.triggers.filter(
    (c) =>
      c.procedure === procedure &&
      c.year === year &&
      c.status === 'met' &&
      (py ? py.metSubjects.includes(c.subject) : true),
  );
}

function explainRule({ year, params, rule }: ExplainInput, locale: Locale): string[] {
  const out: string[] = [];
  const threshold = formatThreshold(locale, params.threshold);
  const wilson = params.mode === 'wilson' ? '.wilson' : '';
  if (rule.status === 'no_data') {
    out.push(
      t(locale, 'rule.noData', {
        year,
        prevYear: year - 1,
        procedures: params.procedures.map((p) => procNom(locale, p)).join(', '),
        subjects: params.subjects.map((s) => subj(locale, s)).join(', '),
      }),
    );
    return out;
  }
  if (rule.clauseA.holds) {
    const items = rule.clauseA.procedures
      .flatMap((p) => metCells(rule, p, year))
      .map((c) => cellItem(locale, c, params));
    out.push(
      t(locale, `rule.clauseA${wilson}`, {
        year,
        items: joinList(locale, items, 'long'),
        threshold,
        count: countWord(locale, rule.clauseA.procedures.length),
      }),
    );
  }
  if (rule.clauseB.holds) {
    for (const p of rule.clauseB.procedures) {
      out.push(
        t(locale, `rule.clauseB${wilson}`, {
          procedure: procDat(locale, p),
          prevItems: joinList(
            locale,
            metCells(rule, p, year - 1).map((c) => shortItem(locale, c, params)),
            'short',
          ),
          prevYear: year - 1,
          items: joinList(
            locale,
            metCells(rule, p, year).map((c) => shortItem(locale, c, params)),
            'short',
          ),
          year,
          threshold,
        }),
      );
    }
  }
  if (rule.status === 'flagged' && params.subjectMode === 'all' && params.subjects.length > 1) {
    out.push(
      t(locale, 'rule.subjectsAll', { subjects: params.subjects.map((s) => subj(locale, s)).join(', ') }),
    );
  }
  if (rule.status !== 'flagged') {
    const which =
      params.clauseA && params.clauseB ? 'AB' : params.clauseA ? 'A' : params.clauseB ? 'B' : 'none';
    if (rule.status === 'insufficient' && which !== 'none') out.push(t(locale, 'rule.undecided'));
    else {
      out.push(
        t(locale, `rule.notMet.${which}`, {
          threshold,
          count: countWord(locale, params.clauseAMinProcedures),
          year,
          prevYear: year - 1,
        }),
      );
    }
    const met = rule.triggers.filter((c) => c.status === 'met');
    if (met.length > 0 && which !== 'none') {
      out.push(
        t(locale, 'rule.metAlone', {
          threshold,
          items: joinList(
            locale,
            met.map((c) => t(locale, 'item.withYear', { item: cellItem(locale, c, params), year: c.year })),
            'long',
          ),
        }),
      );
    }
  }
  for (const c of rule.triggers) {
    if (c.status !== 'insufficient') continue;
    const parts = [procNom(locale, c.procedure), subj(locale, c.subject)];
    if (c.grade !== null) parts.push(t(locale, 'grade', { grade: c.grade }));
    if (c.year !== year) parts.push(t(locale, 'year', { year: c.year }));
    out.push(
      t(locale, 'rule.insufficient', {
        what: parts.join(', '),
        participants: participants(locale, c.participants),
        min: params.minParticipants,
      }),
    );
  }
  return out;
}

function explainContext(
  { year, params, context, contextRule, contextCutoff }: ExplainInput,
  locale: Locale,
): string[] {
  const indicator = (code: string) => label(locale, 'indicator', code);
  if (context.reason === 'no_row') return [t(locale, 'context.noRow', { year })];
  if (context.reason === 'insufficient_indicators' || context.index === null) {
    return [
      t(locale, 'context.tooFew', {
        present: formatNumber(locale, context.presentWeightShare * 100, 0),
        required: formatNumber(locale, params.context.minWeightShare * 100, 0),
        missing: context.missing.map(indicator).join(', '),
      }),
    ];
  }
  const out = [t(locale, 'context.value', { year, index: formatNumber(locale, context.index, 2) })];
  if (context.missing.length > 0) {
    out.push(
      t(locale, 'context.reweighted', {
        missing: context.missing.map(indicator).join(', '),
        present: formatNumber(locale, context.presentWeightShare * 100, 0),
      }),
    );
  }
  const drivers = context.components
    .filter((c) => c.contribution !== null && c.contribution > 0.005 && c.value !== null)
    .sort((a, b) => b.contribution! - a.contribution! || (a.code < b.code ? -1 : 1))
    .slice(0, 2);
  if (drivers.length > 0) {
    out.push(
      t(locale, 'context.drivers', {
        items: drivers
          .map((c) =>
            t(locale, 'context.driver', {
              indicator: indicator(c.code),
              value: formatNumber(locale, c.value!, 1),
              contribution: formatNumber(locale, c.contribution!, 2, { sign: true }),
            }),
          )
          .join('; '),
      }),
    );
  }
  if (contextCutoff !== null && context.unfavourable !== null) {
    const kind = context.unfavourable ? 'unfavourable' : 'favourable';
    out.push(t(locale, `context.${kind}.${contextRule}`, { cutoff: formatNumber(locale, contextCutoff, 2) }));
  }
  return out;
}

function explainModel({ year, params, model, modelFit }: ExplainInput, locale: Locale): string[] {
  if (model.status === 'no_results') return [];
  if (!modelFit) return [t(locale, 'model.unavailable')];
  if (model.status === 'no_index') return [t(locale, 'model.noIndex')];
  if (model.status === 'insufficient') {
    return [
      t(locale, 'model.insufficient', {
        year,
        participants: participants(locale, model.participants),
        min: params.minParticipants,
      }),
    ];
  }
  if (model.status !== 'ok' || model.expected === null || model.shrunken === null || model.share === null)
    return [];
  const shrink = modelFit.priorStrength !== null;
  const residual = model.residualZ === null ? '—' : formatNumber(locale, model.residualZ, 2);
  const out = [
    t(locale, shrink ? 'model.figures' : 'model.figuresNoShrink', {
      year,
      expected: formatPercent(locale, model.expected),
      actual: formatPercent(locale, model.share),
      below: model.belowMin,
      participants: model.participants,
      shrunken: formatPercent(locale, model.shrunken),
      residual,
    }),
  ];
  if (model.belowExpected) {
    out.push(
      t(locale, 'model.belowExpected', {
        residual,
        cut: formatNumber(locale, params.model.belowExpectedCut, 2),
      }),
    );
  }
  if (model.resilientBy.includes('top_quarter')) {
    out.push(
      t(locale, 'model.resilient.top_quarter', {
        shrunken: formatPercent(locale, model.shrunken),
        cutoff: formatPercent(locale, modelFit.topQuarterCutoff ?? 0),
      }),
    );
  } else if (model.resilientBy.includes('residual')) {
    out.push(
      t(locale, 'model.resilient.residual', {
        residual,
        cut: formatNumber(locale, params.model.resilientCut, 2),
      }),
    );
  }
  const ms = model.meanScore;
  if (ms && ms.expected !== null && ms.residualZ !== null) {
    out.push(
      t(locale, 'model.meanScore', {
        z: formatNumber(locale, ms.z, 2),
        expected: formatNumber(locale, ms.expected, 2),
        residual: formatNumber(locale, ms.residualZ, 2),
      }),
    );
  }
  return out;
}
