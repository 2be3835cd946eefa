import type { EntityManager } from 'typeorm';
import type { OutboundPayload } from '../outbox/outbound-payload';
import type { Notifier } from '../services/notifier';
import type { RosterChanges } from './roster-import.service';

const STATUS_ZH = { disabled: '停用', away: '离岗' } as const;
/** Lines per list in one message; the rest are counted. */
const CAP = 30;

const capped = (items: string[]) =>
  items.length > CAP ? [...items.slice(0, CAP), `……另有 ${items.length - CAP} 项`] : items;

const md = (title: string, lines: string[]): OutboundPayload => ({
  msgtype: 'markdown',
  markdown: { title, text: lines.join('\n') },
});

/** What a person taken out of service leaves behind: firms they hold (or held until now) and open work. */
interface LeftWork {
  personId: string;
  name: string;
  mobile: string;
  firms: string[];
  problems: string[];
}

/** Reads what the notices name, inside the import's transaction. */
class RosterNoticeQueries {
  constructor(private readonly m: EntityManager) {}

  async names(table: 'person' | 'enterprise', ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const column = table === 'person' ? 'name' : 'coalesce(short_name, name)';
    const rows: { id: string; name: string }[] = await this.m.query(
      `SELECT id, ${column} AS name FROM ${table} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Firms each person holds or held until this import with nobody after them, and their open problems. */
  async leftWork(personIds: string[], endedNow: Date): Promise<LeftWork[]> {
    return this.m.query(
      `SELECT p.id AS "personId", p.name, p.mobile,
         coalesce((SELECT array_agg(coalesce(e.short_name, e.name) ORDER BY e.name) FROM pairing pa
                   JOIN enterprise e ON e.id = pa.enterprise_id
                   WHERE pa.cadre_id = p.id AND (pa.ended_at IS NULL OR (pa.ended_at = $2 AND NOT EXISTS
                     (SELECT 1 FROM pairing o WHERE o.enterprise_id = pa.enterprise_id AND o.ended_at IS NULL)))),
                  '{}') AS firms,
         coalesce((SELECT array_agg(pr.code || ' ' || coalesce(e.short_name, e.name) ORDER BY pr.code)
                   FROM problem pr JOIN enterprise e ON e.id = pr.enterprise_id
                   WHERE (pr.cadre_id = p.id OR pr.handler_id = p.id)
                     AND pr.status IN ('pending', 'assigned', 'accepted', 'answered')), '{}') AS problems
       FROM person p WHERE p.id = ANY($1::uuid[]) ORDER BY p.name`,
      [personIds, endedNow],
    );
  }

  async activeAdmins(): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `SELECT id FROM person WHERE active AND 'admin' = ANY(roles) ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }
}

/**
 * After an import (inside its transaction; sent after COMMIT): each cadre whose pairings changed gets
 * one message with the new and ended pairs and the problems that moved with a firm; the campaign
 * office's admins get the people taken out of service with the firms and open work to hand on.
 */
export async function sendRosterNotices(
  m: EntityManager,
  notifier: Notifier,
  changes: RosterChanges,
): Promise<{ cadres: number; admins: number; unreachable: number }> {
  const q = new RosterNoticeQueries(m);
  const now = changes.at;
  const key = `roster-${now.getTime()}`;
  let unreachable = 0;

  const firmIds = [...changes.startedPairs, ...changes.endedPairs].map((p) => p.enterpriseId);
  const firms = await q.names('enterprise', [
    ...new Set([...firmIds, ...changes.movedProblems.map((p) => p.enterpriseId)]),
  ]);
  const byCadre = new Map<
    string,
    { started: string[]; ended: string[]; gained: string[]; handed: string[] }
  >();
  const of = (id: string) => {
    let entry = byCadre.get(id);
    if (!entry) byCadre.set(id, (entry = { started: [], ended: [], gained: [], handed: [] }));
    return entry;
  };
  for (const p of changes.startedPairs) of(p.cadreId).started.push(firms.get(p.enterpriseId) ?? '');
  for (const p of changes.endedPairs) of(p.cadreId).ended.push(firms.get(p.enterpriseId) ?? '');
  for (const p of changes.movedProblems) {
    const firm = firms.get(p.enterpriseId) ?? '';
    of(p.toCadreId).gained.push(`${p.code} ${firm}`);
    of(p.fromCadreId).handed.push(`${p.code} ${firm}`);
  }
  let cadres = 0;
  for (const [cadreId, c] of byCadre) {
    const lines = ['### 包联调整', '花名册已更新，您的包联企业有变化：'];
    if (c.started.length)
      lines.push(`**新增包联（${c.started.length}）：**`, ...capped(c.started).map((f) => `- ${f}`));
    if (c.ended.length)
      lines.push(`**结束包联（${c.ended.length}）：**`, ...capped(c.ended).map((f) => `- ${f}`));
    if (c.gained.length)
      lines.push('**随企业转给您跟进的未办结问题：**', ...capped(c.gained).map((f) => `- ${f}`));
    if (c.handed.length)
      lines.push('**已转交新包联干部跟进的问题：**', ...capped(c.handed).map((f) => `- ${f}`));
    lines.push('发送“我的企业”查看本月一月两见进度。');
    // An inactive cadre (停用) is not reachable and is listed to the admins below instead.
    if (await notifier.toPerson(m, cadreId, `${key}-cadre`, md('包联调整', lines))) cadres++;
  }

  let admins = 0;
  if (changes.outOfService.length) {
    const status = new Map(changes.outOfService.map((o) => [o.personId, o.status]));
    const left = await q.leftWork([...status.keys()], now);
    const lines = [
      '### 人员停用/离岗：请重新安排',
      '以下人员已停用或离岗，其包联企业和未办结工作需要重新分配：',
    ];
    for (const w of left) {
      lines.push(`**${w.name}（${w.mobile}，${STATUS_ZH[status.get(w.personId)!]}）**`);
      lines.push(w.firms.length ? `- 包联企业：${capped(w.firms).join('、')}` : '- 包联企业：无');
      lines.push(w.problems.length ? `- 未办结问题：${capped(w.problems).join('、')}` : '- 未办结问题：无');
    }
    lines.push('请在花名册“包联”表中为这些企业指定新的干部后重新导入；问题会随企业转给新干部。');
    for (const adminId of await q.activeAdmins()) {
      if (await notifier.toPerson(m, adminId, `${key}-admins`, md('人员停用/离岗', lines))) admins++;
      else unreachable++;
    }
  }
  return { cadres, admins, unreachable };
}
