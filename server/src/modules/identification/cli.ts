/** `rost identify --year Y [--params FILE]`: run the identification, save the run, print every school. */
import fs from 'node:fs';
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { translate } from '../../../../common/src/i18n/index.js';
import { formatThreshold } from './domain/index.js';
import { explainContextOf, explainStored, identificationService } from './service.js';
import { identificationRepository } from './repository.js';

export interface IdentifyOptions {
  year: string;
  params?: string;
}

export async function identifyCommand(database: Database, who: Principal, o: IdentifyOptions) {
  const year = Number(o.year);
  if (!Number.isInteger(year)) throw new AppError('identification.error.badYear', { year: o.year });
  let params: unknown;
  if (o.params) {
    try {
      params = JSON.parse(fs.readFileSync(o.params, 'utf8'));
    } catch (e) {
      throw new AppError('identification.error.paramFile', {
        file: o.params,
        detail: e instanceof Error ? e.message : String(e),
      });
    }
  }
  const service = identificationService(database);
  const { runId, outcome } = await service.run(who, { year, ...(params !== undefined ? { params } : {}) });
  const repo = identificationRepository(database.db);
  const ctx = explainContextOf((await repo.getRun(runId))!);
  const all = await repo.listSchools(runId, { kind: 'all' }, {}, 1, outcome.summary.total || 1);
  return {
    runId,
    year,
    fingerprint: outcome.fingerprint,
    params: outcome.params,
    summary: outcome.summary,
    inList: all.rows.filter((r) => r.in_list).length,
    schools: all.rows.map((r) => ({
      schoolId: r.school_id,
      code: r.code,
      shortName: r.short_name,
      municipality: r.municipality_name,
      display: r.display,
      categories: r.categories,
      inList: r.in_list,
      explanation: explainStored(ctx, r.figures, r.explanation, who.locale),
    })),
  };
}

export function identifyText(r: Awaited<ReturnType<typeof identifyCommand>>): string {
  const t = (k: string, p?: Record<string, string | number>) => translate('ru', k, p);
  const lines = [
    t('identification.cli.summary', { year: r.year, run: r.runId, total: r.summary.total, inList: r.inList }),
    t('identification.cli.params', {
      threshold: formatThreshold('ru', r.params.threshold),
      min: r.params.minParticipants,
      mode: r.params.mode,
    }),
    ...Object.entries(r.summary.byDisplay)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `  ${t(`identification.display.${k}`)}: ${n}`),
    '',
  ];
  let municipality = '';
  for (const s of r.schools) {
    if (s.municipality !== municipality) {
      municipality = s.municipality;
      lines.push(`== ${municipality}`);
    }
    lines.push(
      `${s.inList ? '*' : ' '} ${s.code} ${s.shortName} — ${t(`identification.display.${s.display}`)}`,
    );
    for (const e of s.explanation) lines.push(`    ${e}`);
  }
  return lines.join('\n');
}
