import type { EntityManager } from 'typeorm';
import type { AnySheet, Store } from './column';
import { pgArrayLiteral } from './pg-array';

/** A table column the sheet's declarations do not give (a constant, or computed from a field). */
export interface ExtraColumn {
  column: string;
  /** Its value on insert (absent: not inserted). */
  insert?: string;
  /** Its value on update (default `EXCLUDED.<column>`). */
  set?: string;
  /** The stored and the new value in the change test (default the column and `EXCLUDED.<column>`). */
  compare?: [string, string];
}

/** What one sheet's upsert adds to what its declarations say. */
export interface UpsertSpec {
  table: string;
  /** The natural key's table columns (ON CONFLICT). */
  key: string[];
  /** created_at / updated_at from this instant (updated_at is not part of the change test). */
  now?: Date;
  /** Extra columns; `sql.field` reads a field of the rows, `sql.param` passes a value. */
  extra?: (sql: SqlParts) => ExtraColumn[];
  /** SET clauses outside the change test (e.g. a cache cleared when the name changes). */
  alsoSet?: string[];
  /** An extra condition under which an unchanged row still counts as updated. */
  changedAlso?: (sql: SqlParts) => string;
  /** More RETURNING columns. */
  returning?: string;
}

export interface SqlParts {
  /** `v.<alias>` of a field's values, `type` its array's element type. */
  field: (name: string, type?: string) => string;
  /** A placeholder for one value. */
  param: (value: unknown) => string;
}

/** A field's value array, as one `unnest` column. */
interface Source {
  alias: string;
  type: string;
  values: unknown[];
}

/**
 * One set-based upsert of a batch of a sheet's rows, from the `store` of its column declarations: every
 * stored field is one `unnest` array (references join their table by natural key), keyed by the natural key
 * with ON CONFLICT … DO UPDATE … WHERE something changed, so re-importing the same rows is a no-op and
 * `xmax = 0` tells inserted rows from updated ones.
 */
export async function upsertSheet<T extends { created: boolean }>(
  m: EntityManager,
  sheet: AnySheet,
  rows: readonly object[],
  spec: UpsertSpec,
): Promise<T[]> {
  const params: unknown[] = [];
  const sources = new Map<string, Source>();
  const valueOf = (row: object, name: string): unknown => (row as Record<string, unknown>)[name];
  const field = (name: string, type = 'varchar'): string => {
    let source = sources.get(name);
    if (!source) {
      source = { alias: `c${sources.size}`, type, values: rows.map((r) => valueOf(r, name)) };
      sources.set(name, source);
    }
    return `v.${source.alias}`;
  };
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };

  const inserted: { column: string; value: string }[] = [];
  const joins: string[] = [];
  const stores: [string, Store][] = [
    ...Object.entries(sheet.columns).flatMap(([name, c]) =>
      c.store ? [[name, c.store] as [string, Store]] : [],
    ),
    ...Object.entries(sheet.derivedStores ?? {}).flatMap(([name, s]) =>
      s ? [[name, s] as [string, Store]] : [],
    ),
  ];
  for (const [name, store] of stores) {
    if ('written' in store) continue;
    if ('ref' in store) {
      const v = field(name);
      const alias = `r${joins.length}`;
      const { table, key, optional } = store.ref;
      joins.push(`${optional ? 'LEFT JOIN' : 'JOIN'} ${table} ${alias} ON ${alias}.${key} = ${v}`);
      inserted.push({ column: store.column, value: `${alias}.id` });
    } else if (store.type === 'varchar[]') {
      const v = field(name, 'text');
      const source = sources.get(name)!;
      source.values = source.values.map((x) => pgArrayLiteral(x as string[]));
      inserted.push({ column: store.column, value: `${v}::varchar[]` });
    } else if (store.type === 'date') {
      inserted.push({ column: store.column, value: `${field(name, 'text')}::date` });
    } else {
      inserted.push({ column: store.column, value: field(name, store.type) });
    }
  }
  const sql = { field, param };
  const extras = spec.extra?.(sql) ?? [];
  const changedAlso = spec.changedAlso?.(sql);
  const now = spec.now ? param(spec.now) : null;
  // The value arrays come first in the parameter list only by name: number them after the extras' params.
  const unnest = [...sources.values()].map((s) => {
    params.push(s.values);
    return `$${params.length}::${s.type}[]`;
  });

  const t = spec.table;
  const updated = inserted.filter((c) => !spec.key.includes(c.column)).map((c) => c.column);
  const columns = [
    ...inserted,
    ...extras.flatMap((e) => (e.insert === undefined ? [] : [{ column: e.column, value: e.insert }])),
    ...(now
      ? [
          { column: 'created_at', value: now },
          { column: 'updated_at', value: now },
        ]
      : []),
  ];
  const sets = [
    ...updated.map((c) => `${c} = EXCLUDED.${c}`),
    ...extras.map((e) => `${e.column} = ${e.set ?? `EXCLUDED.${e.column}`}`),
    ...(now ? ['updated_at = EXCLUDED.updated_at'] : []),
    ...(spec.alsoSet ?? []),
  ];
  const compared = [
    ...updated.map((c): [string, string] => [`${t}.${c}`, `EXCLUDED.${c}`]),
    ...extras.map((e) => e.compare ?? [`${t}.${e.column}`, `EXCLUDED.${e.column}`]),
  ];
  const text = `INSERT INTO ${t} (${columns.map((c) => c.column).join(', ')})
    SELECT ${columns.map((c) => c.value).join(', ')}
    FROM unnest(${unnest.join(', ')}) AS v(${[...sources.values()].map((s) => s.alias).join(', ')})
    ${joins.join('\n    ')}
    ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${sets.join(', ')}
    WHERE (${compared.map((c) => c[0]).join(', ')}) IS DISTINCT FROM (${compared.map((c) => c[1]).join(', ')})
      ${changedAlso ? `OR ${changedAlso}` : ''}
    RETURNING (xmax = 0) AS created${spec.returning ? `, ${spec.returning}` : ''}`;
  return m.query<T[]>(text, params);
}
