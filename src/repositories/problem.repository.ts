import type { DataSource } from 'typeorm';
import { Problem } from '../entities';
import type { ProblemStatus } from '../entities/enums';
import { isUuid } from '../lib/ids';
import { whereVisibleTo } from './problem-ledger.queries';
import { can, type Actor } from '../services/permissions';

/** A problem as lists in chat show it. */
export interface ProblemBrief {
  code: string;
  status: ProblemStatus;
  description: string;
  firm: string;
  dueOn: string | null;
  redoCount: number;
  kind: string;
}

/** One step of a problem's history, with who took it. */
export interface HistoryRow {
  at: Date;
  actor: string | null;
  action: string;
  from: string | null;
  to: string | null;
  note: string;
  /** Where the step's notice went (route and people), or that it reached nobody; null: no notice. */
  delivery: string | null;
}

/** The names a problem's card and API row show. */
export interface ProblemNames {
  enterprise: { id: string; name: string };
  leadUnit: { id: string; name: string } | null;
  category: string | null;
}

/** Which open problems a bare action (no code) may mean, per action. */
export type PickAction =
  | 'accept'
  | 'return'
  | 'answer'
  | 'extend'
  | 'deliver'
  | 'rate'
  | 'rateProxy'
  | 'withdraw'
  | 'urge'
  | 'supervise'
  | 'transfer'
  | 'coHandle'
  | 'decideExtension';

const PICK_STATUSES: Record<PickAction, ProblemStatus[]> = {
  accept: ['assigned'],
  return: ['assigned', 'accepted'],
  answer: ['accepted'],
  extend: ['assigned', 'accepted'],
  deliver: ['answered'],
  rate: ['answered'],
  rateProxy: ['answered'],
  withdraw: ['pending', 'assigned', 'accepted', 'answered'],
  urge: ['assigned', 'accepted'],
  supervise: ['assigned', 'accepted'],
  transfer: ['pending', 'assigned'],
  coHandle: ['pending', 'assigned', 'accepted'],
  decideExtension: ['assigned', 'accepted', 'answered'],
};

/** Read queries over problems for the bot and the API (the ledger owns every write). */
export class ProblemRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The open problems a bare action may mean for this actor, newest first: visible to them, in a
   * status the action starts from, and (for handlers) led by their unit. In an enterprise group,
   * only that firm's.
   */
  async candidates(actor: Actor, action: PickAction, enterpriseId: string | null, limit = 9) {
    const rows: Record<string, unknown>[] = await this.candidateQuery(actor, action, enterpriseId)
      .select(['p.code AS code', 'p.status AS status', 'p.description AS description', 'e.name AS firm'])
      .addSelect([
        "to_char(p.due_on, 'YYYY-MM-DD') AS due_on",
        'p.redo_count AS redo_count',
        'p.kind AS kind',
      ])
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.code', 'DESC')
      .limit(limit)
      .getRawMany();
    return rows.map(toBrief);
  }

  /**
   * Which of `actions` have at least one candidate (see `candidates`) for this actor: one query, an
   * EXISTS per action. What the bot asks of every message it reads ("is a rating or a problem waiting?").
   */
  async pendingActions(
    actor: Actor,
    actions: readonly PickAction[],
    enterpriseId: string | null,
  ): Promise<Set<PickAction>> {
    if (actions.length === 0) return new Set();
    const qb = this.ds.createQueryBuilder().fromDummy();
    for (const [i, action] of actions.entries()) {
      const sub = this.candidateQuery(actor, action, enterpriseId, `st${i}`).select('1');
      qb.addSelect(`EXISTS (${sub.getQuery()})`, `a${i}`).setParameters(sub.getParameters());
    }
    const row: Record<string, unknown> = (await qb.getRawOne()) ?? {};
    return new Set(actions.filter((_, i) => row[`a${i}`] === true));
  }

  /**
   * The open problems a bare action may mean for this actor: visible to them, in a status the action
   * starts from, and (for handlers) led by their unit; in an enterprise group, only that firm's. The
   * statuses go in the parameter `statusParam`, so several of these can sit in one statement.
   */
  private candidateQuery(
    actor: Actor,
    action: PickAction,
    enterpriseId: string | null,
    statusParam = 'statuses',
  ) {
    const qb = this.ds.manager
      .createQueryBuilder(Problem, 'p')
      .innerJoin('p.enterprise', 'e')
      .where(`p.status IN (:...${statusParam})`, { [statusParam]: PICK_STATUSES[action] });
    whereVisibleTo(qb, actor);
    const unitActions: PickAction[] = ['accept', 'return', 'answer', 'extend'];
    if (unitActions.includes(action) && actor.unitId && !actor.roles.includes('admin')) {
      qb.andWhere('p.lead_unit_id = :ownUnit', { ownUnit: actor.unitId });
    }
    if (action === 'deliver')
      qb.andWhere(`p.kind <> 'problem' AND p.kind <> 'request' AND p.delivered_at IS NULL`);
    if (action === 'rate' || action === 'rateProxy')
      qb.andWhere(`(p.kind IN ('problem', 'request') OR p.delivered_at IS NOT NULL)`);
    if (action === 'rateProxy') {
      qb.andWhere(
        `NOT EXISTS (SELECT 1 FROM person c WHERE c.enterprise_id = p.enterprise_id AND 'contact' = ANY(c.roles) AND c.active)`,
      );
    }
    if (action === 'decideExtension') {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM extension_request x WHERE x.problem_id = p.id AND x.status = 'pending')`,
      );
    }
    if (enterpriseId) qb.andWhere('p.enterprise_id = :groupFirm', { groupFirm: enterpriseId });
    return qb;
  }

  /** What is waiting for the actor, by role: one titled list per role that has something. */
  async tasks(actor: Actor): Promise<{ title: string; items: ProblemBrief[] }[]> {
    const sections: { title: string; items: ProblemBrief[] }[] = [];
    const add = async (title: string, action: PickAction) => {
      const items = await this.candidates(actor, action, null, 10);
      if (items.length) sections.push({ title, items });
    };
    const has = (role: Actor['roles'][number]) => actor.roles.includes(role);
    if (has('handler')) {
      await add('待受理', 'accept');
      await add('待答复', 'answer');
    }
    if (can(actor, 'decide_extension')) await add('待审批延期', 'decideExtension');
    if (can(actor, 'transfer')) {
      await add('待交办（请转办）', 'transfer');
      await add('待送达企业', 'deliver');
      await add('待代评（企业无联系人，请问过企业后发送“代评 编号 满意 电话确认”）', 'rateProxy');
    }
    if (has('contact')) {
      await add('待评价', 'rate');
      await add('办理中', 'urge');
    }
    // 待交办 lists pending problems only; transfer also allows assigned ones.
    return sections
      .map((s) =>
        s.title.startsWith('待交办') ? { ...s, items: s.items.filter((i) => i.status === 'pending') } : s,
      )
      .filter((s) => s.items.length > 0);
  }

  /** A problem's history, oldest first, with the actor's name (null: the system). */
  async history(problemId: string): Promise<HistoryRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ev.at, pe.name AS actor, ev.action, ev.from_status, ev.to_status, ev.note, ev.delivery
       FROM problem_event ev LEFT JOIN person pe ON pe.id = ev.actor_id
       WHERE ev.problem_id = $1 ORDER BY ev.at, ev.id`,
      [problemId],
    );
    return rows.map((r) => ({
      at: r.at as Date,
      actor: (r.actor as string | null) ?? null,
      action: r.action as string,
      from: (r.from_status as string | null) ?? null,
      to: (r.to_status as string | null) ?? null,
      note: r.note as string,
      delivery: (r.delivery as string | null) ?? null,
    }));
  }

  /** Enterprise, lead unit and category names of several problems, by problem id. */
  async names(problems: Problem[]): Promise<Map<string, ProblemNames>> {
    const ids = problems.map((p) => p.id);
    if (ids.length === 0) return new Map();
    const rows: Record<string, string | null>[] = await this.ds.query(
      `SELECT p.id, e.id AS eid, e.name AS ename, u.id AS uid, u.name AS uname, c.name AS cname
       FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
       LEFT JOIN org_unit u ON u.id = p.lead_unit_id LEFT JOIN category c ON c.id = p.category_id
       WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id as string,
        {
          enterprise: { id: r.eid as string, name: r.ename as string },
          leadUnit: r.uid ? { id: r.uid, name: r.uname as string } : null,
          category: r.cname,
        },
      ]),
    );
  }

  /** Names of a problem's co-handling units. */
  async coUnits(problemId: string): Promise<string[]> {
    const rows: { name: string }[] = await this.ds.query(
      `SELECT u.name FROM problem_co_unit cu JOIN org_unit u ON u.id = cu.unit_id
       WHERE cu.problem_id = $1 ORDER BY u.name`,
      [problemId],
    );
    return rows.map((r) => r.name);
  }

  /** Units whose name is, or contains, the words (exact first); at most `limit`. */
  async findUnits(words: string, limit = 6): Promise<{ id: string; name: string }[]> {
    const w = words.replace(/\s+/g, '');
    if (w === '') return [];
    const exact: { id: string; name: string }[] = await this.ds.query(
      `SELECT id, name FROM org_unit WHERE name = $1`,
      [w],
    );
    if (exact.length) return exact;
    return this.ds.query(
      `SELECT id, name FROM org_unit WHERE strpos(name, $1) > 0 OR strpos($1, name) > 0
       ORDER BY (kind = 'handling') DESC, length(name), name LIMIT $2`,
      [w, limit],
    );
  }

  /** The id of a category given by id or name, of a unit by id or name, of a firm by id, credit code or name. */
  async resolveId(table: 'category' | 'org_unit' | 'enterprise', value: string): Promise<string | null> {
    if (isUuid(value)) return value;
    const extra = table === 'enterprise' ? ' OR credit_code = upper($1)' : '';
    const [row] = await this.ds.query<{ id: string }[]>(
      `SELECT id FROM ${table} WHERE name = $1${extra} LIMIT 1`,
      [value],
    );
    return row?.id ?? null;
  }
}

function toBrief(r: Record<string, unknown>): ProblemBrief {
  return {
    code: r.code as string,
    status: r.status as ProblemStatus,
    description: r.description as string,
    firm: r.firm as string,
    dueOn: (r.due_on as string | null) ?? null,
    redoCount: Number(r.redo_count ?? 0),
    kind: r.kind as string,
  };
}
