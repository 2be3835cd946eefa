import type { Role, UnitKind } from '../entities/enums';
import { normalizeCreditCode } from '../lib/credit-code';
import type { ExistingRoster, RosterEnterprise, RosterPerson, RosterUnit } from './roster.types';

export type Resolved<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'ambiguous' };

/** Units known to the import: those in the database, overridden by the roster's rows. */
export class UnitIndex {
  private readonly byName = new Map<string, { kind: UnitKind; parentName: string | null }>();

  constructor(existing: ExistingRoster, roster: RosterUnit[]) {
    for (const [name, unit] of existing.units) this.byName.set(name, unit);
    for (const u of roster) this.byName.set(u.name, { kind: u.kind, parentName: u.parentName });
  }

  kind(name: string): UnitKind | undefined {
    return this.byName.get(name)?.kind;
  }

  /** The chain of parents from `name` back to itself, or null when there is no cycle through it. */
  cycleFrom(name: string): string[] | null {
    const path = [name];
    let current = this.byName.get(name)?.parentName ?? null;
    while (current !== null && path.length <= this.byName.size) {
      path.push(current);
      if (current === name) return path;
      if (path.indexOf(current) !== path.length - 1) return null; // a cycle further up, not through `name`
      current = this.byName.get(current)?.parentName ?? null;
    }
    return null;
  }
}

/** Enterprises known to the import, found by credit code, full name or short name. */
export class EnterpriseIndex {
  private readonly byCode = new Map<string, { name: string; shortName: string | null }>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byShort = new Map<string, Set<string>>();

  constructor(existing: ExistingRoster, roster: RosterEnterprise[]) {
    for (const [code, e] of existing.enterprises) this.byCode.set(code, e);
    for (const e of roster) this.byCode.set(e.creditCode, { name: e.name, shortName: e.shortName });
    for (const [code, e] of this.byCode) {
      add(this.byName, e.name, code);
      if (e.shortName) add(this.byShort, e.shortName, code);
    }
  }

  /** The credit code a reference means: a code, else a unique full name, else a unique short name. */
  resolve(ref: string): Resolved<string> {
    const code = normalizeCreditCode(ref);
    if (this.byCode.has(code)) return { ok: true, value: code };
    for (const index of [this.byName, this.byShort]) {
      const codes = index.get(ref);
      if (codes?.size === 1) return { ok: true, value: [...codes][0] };
      if (codes && codes.size > 1) return { ok: false, reason: 'ambiguous' };
    }
    return { ok: false, reason: 'missing' };
  }
}

/** People known to the import (mobile → roles), the roster's rows overriding the database. */
export class PersonIndex {
  private readonly roles = new Map<string, Role[]>();

  constructor(existing: ExistingRoster, roster: RosterPerson[]) {
    for (const [mobile, roles] of existing.people) this.roles.set(mobile, roles);
    for (const p of roster) this.roles.set(p.mobile, p.roles);
  }

  rolesOf(mobile: string): Role[] | undefined {
    return this.roles.get(mobile);
  }
}

function add(index: Map<string, Set<string>>, key: string, code: string): void {
  const set = index.get(key) ?? new Set<string>();
  set.add(code);
  index.set(key, set);
}
