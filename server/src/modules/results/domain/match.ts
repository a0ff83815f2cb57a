/**
 * Matching the schools a file names to the registry: by code where the file gives one, then by a
 * decision remembered from an earlier import, then by the normalised name within the file's
 * municipality. Ambiguous and unmatched names get the closest schools as candidates.
 */
import {
  nameKey,
  normaliseCode,
  normaliseMunicipality,
  normaliseSchoolName,
  similarity,
  type NameKey,
} from './names.js';
import type { Candidate, MatchResult, SchoolRef } from './types.js';

export interface RegistrySchool {
  id: number;
  code: string;
  municipalityId: number;
  shortName: string;
  fullName: string;
}

export interface RegistryMunicipality {
  id: number;
  code: string;
  name: string;
}

/** A remembered decision: the file's normalised name (and municipality) → a school, or null = excluded. */
export interface RememberedMatch {
  normName: string;
  normMunicipality: string;
  schoolId: number | null;
}

export interface MatchOptions {
  /** Only schools of this municipality may be matched (a municipal coordinator's import). */
  onlyMunicipalityId?: number | null;
  maxCandidates?: number;
  minScore?: number;
}

interface Entry {
  school: RegistrySchool;
  keys: NameKey[];
}

/** How a file's school reference is keyed: the same reference always gets the same key. */
export function refKey(ref: SchoolRef): string {
  return `${ref.code ? normaliseCode(ref.code) : ''}|${normaliseSchoolName(ref.name)}|${ref.municipality ? normaliseMunicipality(ref.municipality) : ''}`;
}

/** What a matcher is built from (plain data: a parse worker builds the same matcher from it). */
export interface MatcherSource {
  schools: RegistrySchool[];
  municipalities: RegistryMunicipality[];
  remembered: RememberedMatch[];
  opts: MatchOptions;
}

export class SchoolMatcher {
  /** Results by `refKey`: the same school is met again in every part of a file parsed in parallel. */
  private readonly results = new Map<string, MatchResult>();
  private readonly byCode = new Map<string, RegistrySchool>();
  private readonly byMunicipality = new Map<number, Entry[]>();
  private readonly all: Entry[] = [];
  private readonly byName = new Map<string, Entry[]>();
  private readonly municipalities = new Map<string, number[]>();
  private readonly memory = new Map<string, number | null>();
  private readonly schools = new Map<number, RegistrySchool>();
  /** Trigram → entries of `all`, for ranking over a large registry without comparing every school. */
  private gramIndex: Map<string, number[]> | null = null;

  constructor(
    schools: RegistrySchool[],
    private readonly registryMunicipalities: RegistryMunicipality[],
    private readonly remembered: RememberedMatch[],
    private readonly opts: MatchOptions = {},
  ) {
    const municipalities = registryMunicipalities;
    for (const s of schools) {
      this.schools.set(s.id, s);
      this.byCode.set(normaliseCode(s.code), s);
      const norms = [...new Set([normaliseSchoolName(s.shortName), normaliseSchoolName(s.fullName)])];
      const e: Entry = { school: s, keys: norms.map(nameKey) };
      this.all.push(e);
      const list = this.byMunicipality.get(s.municipalityId) ?? [];
      list.push(e);
      this.byMunicipality.set(s.municipalityId, list);
      for (const n of norms) {
        const l = this.byName.get(`${s.municipalityId}|${n}`) ?? [];
        l.push(e);
        this.byName.set(`${s.municipalityId}|${n}`, l);
        const any = this.byName.get(`*|${n}`) ?? [];
        any.push(e);
        this.byName.set(`*|${n}`, any);
      }
    }
    for (const m of municipalities) {
      for (const n of new Set([normaliseMunicipality(m.name), m.code.toLowerCase()])) {
        const l = this.municipalities.get(n) ?? [];
        if (!l.includes(m.id)) l.push(m.id);
        this.municipalities.set(n, l);
      }
    }
    for (const r of remembered) this.memory.set(`${r.normName}|${r.normMunicipality}`, r.schoolId);
  }

  static from(source: MatcherSource): SchoolMatcher {
    return new SchoolMatcher(source.schools, source.municipalities, source.remembered, source.opts);
  }

  /** The data this matcher was built from. */
  get source(): MatcherSource {
    return {
      schools: [...this.schools.values()],
      municipalities: this.registryMunicipalities,
      remembered: this.remembered,
      opts: this.opts,
    };
  }

  /** The municipality a file's text names, when exactly one matches. */
  municipalityOf(text: string | null): number | null {
    if (!text) return null;
    const ids =
      this.municipalities.get(normaliseMunicipality(text)) ??
      this.municipalities.get(text.trim().toLowerCase());
    return ids && ids.length === 1 ? ids[0]! : null;
  }

  school(id: number): RegistrySchool | undefined {
    return this.schools.get(id);
  }

  match(ref: SchoolRef): MatchResult {
    const id = refKey(ref);
    let r = this.results.get(id);
    if (!r) {
      r = this.matchOnce(ref);
      this.results.set(id, r);
    }
    return r;
  }

  private matchOnce(ref: SchoolRef): MatchResult {
    const municipalityId = this.municipalityOf(ref.municipality);
    const only = this.opts.onlyMunicipalityId ?? null;
    const allowed = (s: RegistrySchool) => only === null || s.municipalityId === only;
    const result = (
      status: MatchResult['status'],
      schoolId: number | null,
      candidates: Candidate[] = [],
    ): MatchResult => ({
      status,
      schoolId,
      municipalityId,
      candidates,
    });
    if (ref.code) {
      const s = this.byCode.get(normaliseCode(ref.code));
      if (s) return allowed(s) ? result('code', s.id) : result('forbidden', s.id);
    }
    const norm = normaliseSchoolName(ref.name);
    const normMuni = ref.municipality ? normaliseMunicipality(ref.municipality) : '';
    const memoryKey = `${norm}|${normMuni}`;
    if (this.memory.has(memoryKey)) {
      const id = this.memory.get(memoryKey)!;
      if (id === null) return result('excluded', null);
      const s = this.schools.get(id);
      if (s) return allowed(s) ? result('memory', id) : result('forbidden', id);
    }
    const exact = this.byName.get(`${municipalityId ?? '*'}|${norm}`) ?? [];
    if (exact.length === 1) {
      const s = exact[0]!.school;
      return allowed(s) ? result('name', s.id) : result('forbidden', s.id);
    }
    const candidates =
      exact.length > 1 ? this.rank(norm, exact, allowed) : this.suggest(norm, municipalityId, allowed);
    return result(exact.length > 1 ? 'ambiguous' : 'unmatched', null, candidates);
  }

  /** The closest schools to a normalised name: within the municipality first, then the region. */
  suggest(norm: string, municipalityId: number | null, allowed: (s: RegistrySchool) => boolean): Candidate[] {
    const pool = municipalityId !== null ? (this.byMunicipality.get(municipalityId) ?? []) : this.all;
    const found = this.rank(norm, pool, allowed);
    if (found.length || municipalityId === null) return found;
    return this.rank(norm, this.all, allowed);
  }

  /** The entries of `all` that share a not-too-common trigram with the name. */
  private prefilter(key: NameKey): Entry[] {
    if (!this.gramIndex) {
      this.gramIndex = new Map();
      this.all.forEach((e, i) => {
        for (const g of new Set(e.keys.flatMap((k) => [...k.grams]))) {
          const list = this.gramIndex!.get(g) ?? [];
          list.push(i);
          this.gramIndex!.set(g, list);
        }
      });
    }
    const limit = Math.max(50, this.all.length * 0.05);
    const hit = new Set<number>();
    for (const g of key.grams) {
      const list = this.gramIndex.get(g);
      if (list && list.length <= limit) for (const i of list) hit.add(i);
    }
    return [...hit].map((i) => this.all[i]!);
  }

  private rank(norm: string, all: Entry[], allowed: (s: RegistrySchool) => boolean): Candidate[] {
    const key = nameKey(norm);
    const pool = all === this.all && all.length > 2000 ? this.prefilter(key) : all;
    const min = this.opts.minScore ?? 0.3;
    const scored: Candidate[] = [];
    for (const e of pool) {
      if (!allowed(e.school)) continue;
      const score = Math.max(...e.keys.map((k) => similarity(key, k)));
      if (score >= min) {
        scored.push({
          schoolId: e.school.id,
          code: e.school.code,
          name: e.school.shortName,
          municipalityId: e.school.municipalityId,
          score: Math.round(score * 1000) / 1000,
        });
      }
    }
    scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'ru'));
    return scored.slice(0, this.opts.maxCandidates ?? 5);
  }
}
