import type { EntityManager } from 'typeorm';
import type { VisitMethod } from '../../entities/enums';
import type { VisitRecord } from './visit.types';

/** Visit ids are UUIDs; anything else is answered "not found" without a query. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The visit row as `VISIT_COLUMNS` selects it. */
export interface VisitSqlRow {
  id: string;
  cadre_id: string;
  cadre_name: string;
  enterprise_id: string;
  enterprise_name: string;
  pairing_id: string | null;
  visited_on: string;
  method: VisitMethod;
  summary: string;
  confirmed_at: Date | null;
}

export const VISIT_COLUMNS = `v.id, v.cadre_id, c.name AS cadre_name, v.enterprise_id, e.name AS enterprise_name,
  v.pairing_id, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on, v.method, v.summary, v.confirmed_at`;

export const VISIT_FROM = `visit v JOIN person c ON c.id = v.cadre_id JOIN enterprise e ON e.id = v.enterprise_id`;

/** The stored visit as the bot echoes it. */
export function toRecord(r: VisitSqlRow): VisitRecord {
  return {
    id: r.id,
    cadreId: r.cadre_id,
    cadreName: r.cadre_name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    pairingId: r.pairing_id,
    visitedOn: r.visited_on,
    method: r.method,
    summary: r.summary,
    confirmedAt: r.confirmed_at,
  };
}

/** One visit by id or by its source key (the inbound message), when stored. */
export async function findVisit(
  em: EntityManager,
  by: { id: string } | { sourceKey: string },
  lock = false,
): Promise<VisitRecord | null> {
  const [column, value] = 'id' in by ? ['v.id', by.id] : ['v.source_key', by.sourceKey];
  const [row] = await em.query<VisitSqlRow[]>(
    `SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE ${column} = $1${lock ? ' FOR UPDATE OF v' : ''}`,
    [value],
  );
  return row ? toRecord(row) : null;
}
