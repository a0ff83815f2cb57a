import type { Database } from '../../../platform/db/index.js';
import type { Role } from '../../../platform/db/schema.js';
import { hashPassword } from '../../../platform/auth/passwords.js';
import { audit } from '../../../platform/audit/audit.js';
import { generateDemoRegion, type GenerateOptions } from './generator.js';
import { DEMO_SEED_AUDIT } from './status.js';
import { seedProgrammesDemo } from '../../programmes/demo.js';
import { seedDemoResults } from '../../results/demo.js';
import { seedIndicatorsDemo } from '../../indicators/demo.js';
import { contextToColumns, schoolToColumns } from '../columns.js';
import type { SchoolTable } from '../../../platform/db/schema.js';
import type { Insertable } from 'kysely';

export const DEMO_PASSWORD = 'rost-demo-2026';

export interface DemoUser {
  login: string;
  role: Role;
  fullName: string;
  scope: string;
}

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('region').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Load the generated demo region and one demo user per role, in one transaction:
 * a failure leaves the database as it was.
 */
export async function seedDemo(
  database: Database,
  opts: GenerateOptions = {},
): Promise<{ schools: number; municipalities: number; users: DemoUser[] }> {
  const demo = generateDemoRegion(opts);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await database.db.transaction().execute(async (tx) => {
    const region = await tx
      .insertInto('region')
      .values(demo.region)
      .returning('id')
      .executeTakeFirstOrThrow();
    const munis = await tx
      .insertInto('municipality')
      .values(demo.municipalities.map((m) => ({ ...m, region_id: region.id })))
      .returning(['id', 'code', 'name'])
      .execute();
    const muniId = new Map(munis.map((m) => [m.code, m.id]));

    for (const ind of demo.contextIndicators) {
      await tx
        .insertInto('context_indicator')
        .values({ ...ind, builtin: false, sort_order: 50 })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }

    // Main schools first, then branches, so that parent ids exist.
    const ordered = [
      ...demo.schools.filter((s) => !s.parentCode),
      ...demo.schools.filter((s) => s.parentCode),
    ];
    const schoolId = new Map<string, number>();
    for (const part of chunks(ordered)) {
      const rows = await tx
        .insertInto('school')
        .values(
          part.map((s) => ({
            ...(schoolToColumns({
              ...s,
              parentId: s.parentCode ? schoolId.get(s.parentCode)! : null,
            }) as Insertable<SchoolTable>),
            municipality_id: muniId.get(s.municipalityCode)!,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const r of rows) schoolId.set(r.code, r.id);
    }

    const contexts = demo.schools.flatMap((s) =>
      s.context.map((c) => contextToColumns(schoolId.get(s.code)!, c.schoolYear, c)),
    );
    for (const part of chunks(contexts)) await tx.insertInto('school_context').values(part).execute();

    const truths = demo.schools.map((s) => ({
      school_id: schoolId.get(s.code)!,
      latent_quality: s.truth.latentQuality,
      context_effect: s.truth.contextEffect,
      seed: opts.seed ?? 42,
    }));
    for (const part of chunks(truths)) await tx.insertInto('school_ground_truth').values(part).execute();

    // Demo users: one per role, scoped to a real municipality and school of the demo region.
    const district = demo.municipalities.find((m) => m.kind === 'district') ?? demo.municipalities[0]!;
    const firstMuni = munis.find((m) => m.code === district.code)!;
    const muniSchools = demo.schools.filter((s) => s.municipalityCode === firstMuni.code && !s.parentCode);
    const school = muniSchools.find((s) => s.type === 'СОШ') ?? muniSchools[0]!;
    const curated = muniSchools.slice(0, 5).map((s) => schoolId.get(s.code)!);
    const users: Array<
      DemoUser & { municipalityId: number | null; schoolId: number | null; schoolIds: number[] }
    > = [
      {
        login: 'region',
        role: 'regional_coordinator',
        fullName: 'Соколова Ирина Петровна',
        scope: demo.region.name,
        municipalityId: null,
        schoolId: null,
        schoolIds: [],
      },
      {
        login: 'municipality',
        role: 'municipal_coordinator',
        fullName: 'Васильев Андрей Николаевич',
        scope: firstMuni.name,
        municipalityId: firstMuni.id,
        schoolId: null,
        schoolIds: [],
      },
      {
        login: 'school',
        role: 'school_team',
        fullName: 'Кузнецова Ольга Викторовна',
        scope: school.shortName,
        municipalityId: firstMuni.id,
        schoolId: schoolId.get(school.code)!,
        schoolIds: [],
      },
      {
        login: 'curator',
        role: 'curator',
        fullName: 'Морозов Дмитрий Сергеевич',
        scope: `закреплённые школы (${curated.length}), ${firstMuni.name}`,
        municipalityId: firstMuni.id,
        schoolId: null,
        schoolIds: curated,
      },
      {
        login: 'expert',
        role: 'expert',
        fullName: 'Лебедева Наталья Александровна',
        scope: `закреплённые школы (${curated.slice(0, 3).length})`,
        municipalityId: null,
        schoolId: null,
        schoolIds: curated.slice(0, 3),
      },
      {
        login: 'teacher',
        role: 'teacher',
        fullName: 'Новикова Елена Ивановна',
        scope: school.shortName,
        municipalityId: firstMuni.id,
        schoolId: schoolId.get(school.code)!,
        schoolIds: [],
      },
      {
        login: 'observer',
        role: 'observer',
        fullName: 'Попов Сергей Владимирович',
        scope: demo.region.name,
        municipalityId: null,
        schoolId: null,
        schoolIds: [],
      },
    ];
    for (const u of users) {
      const { id } = await tx
        .insertInto('app_user')
        .values({
          login: u.login,
          full_name: u.fullName,
          role: u.role,
          municipality_id: u.municipalityId,
          school_id: u.schoolId,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (u.schoolIds.length)
        await tx
          .insertInto('user_school')
          .values(u.schoolIds.map((sid) => ({ user_id: id, school_id: sid })))
          .execute();
    }
    await seedDemoResults(tx, demo, schoolId, { seed: opts.seed ?? 42 });
    await seedProgrammesDemo(tx, { seed: opts.seed ?? 42 });
    // The marker of a demo database (see isDemoLoaded): keep action and entity as they are.
    await audit(tx, null, {
      ...DEMO_SEED_AUDIT,
      entityId: region.id,
      summary: `Демо-регион: ${demo.schools.length} школ, ${munis.length} муниципалитетов (seed ${opts.seed ?? 42})`,
    });
    return {
      schools: demo.schools.length,
      municipalities: munis.length,
      users: users.map(({ login, role, fullName, scope }) => ({ login, role, fullName, scope })),
    };
  });
  // Target indicators are computed through their service, after the region is committed.
  await seedIndicatorsDemo(database);
  return seeded;
}
