import { type EntityManager, IsNull } from 'typeorm';
import { Category, Enterprise, Pairing, Problem, ProblemEvent } from '../entities';
import { UserError } from '../lib/errors';
import { dateOf } from '../lib/time';
import { nextProblemCode } from './problem-code';
import { insertEvents, isUuid } from '../repositories/problem-ledger.queries';
import { event, type LedgerResult, type ReportInput } from './problem-ledger.types';
import { type Actor, can, type ScopeFacts } from './permissions';

/**
 * Inserts a pending problem and its report event, inside the caller's transaction. Allowed to an
 * admin, a contact of the enterprise and its paired cadre; the cadre on the problem is the
 * enterprise's open pairing now.
 */
export async function insertReport(
  em: EntityManager,
  now: Date,
  input: ReportInput,
  description: string,
  actor: Actor,
): Promise<LedgerResult> {
  if (input.sourceKey) {
    const seen = await replayReport(em, input.sourceKey);
    if (seen) return seen;
  }
  if (!isUuid(input.enterpriseId)) throw new UserError('找不到该企业。');
  const enterprise = await em.findOne(Enterprise, { where: { id: input.enterpriseId } });
  if (!enterprise) throw new UserError('找不到该企业。');
  const pairing = await em.findOne(Pairing, { where: { enterpriseId: enterprise.id, endedAt: IsNull() } });
  const scope: ScopeFacts = {
    admin: true,
    contact: actor.enterpriseId === enterprise.id,
    cadre: pairing?.cadreId === actor.personId,
    handler: false,
    leader: false,
    coUnit: false,
  };
  if (!can(actor, 'report', scope)) {
    throw new UserError('您只能为自己包联或所属的企业反映问题。', 'forbidden');
  }
  let category: Category | null = null;
  if (input.categoryId) {
    category = isUuid(input.categoryId)
      ? await em.findOne(Category, { where: { id: input.categoryId } })
      : null;
    if (!category) throw new UserError('找不到该问题类别。');
  }
  const code = await nextProblemCode(em, dateOf(now));
  const problem = await em.save(
    em.create(Problem, {
      code,
      kind: input.kind ?? category?.kind ?? 'problem',
      categoryId: category?.id ?? null,
      enterpriseId: enterprise.id,
      reporterId: input.reporterId ?? actor.personId,
      cadreId: pairing?.cadreId ?? null,
      visitId: input.visitId ?? null,
      description,
      status: 'pending',
      sourceKey: input.sourceKey ?? null,
      createdAt: now,
    }),
  );
  const events = await insertEvents(em, problem.id, actor.personId, now, [
    event('report', null, 'pending', description),
  ]);
  return { problem, events, replayed: false };
}

/** The problem already reported from this source key, as a replay; null when there is none. */
export async function replayReport(em: EntityManager, sourceKey: string): Promise<LedgerResult | null> {
  const problem = await em.findOne(Problem, { where: { sourceKey } });
  if (!problem) return null;
  const events = await em.find(ProblemEvent, { where: { problemId: problem.id, action: 'report' } });
  return { problem, events, replayed: true };
}
