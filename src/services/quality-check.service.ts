import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Problem } from '../entities';
import type { Clock } from '../lib/clock';
import { directory } from '../repositories/directory.repository';
import { returnedRows } from '../lib/query-result';
import type { Notifier } from './notifier';
import { qualityQuestion, type ProblemFacts } from './problem-workflow.messages';

/** A share in [0, 1) fixed by the problem id, so every retry samples the same problems. */
export function sampleShare(problemId: string): number {
  return createHash('sha256').update(problemId).digest().readUInt32BE(0) / 2 ** 32;
}

/** The quality_check row of a problem, as the answer needs it. */
export interface QualityCheckRow {
  id: string;
  contactId: string;
  checkedStatus: string;
  solved: boolean | null;
}

/**
 * 撤单质检: samples withdrawn and closed problems at `rate` and asks the enterprise's contacts
 * privately whether the problem was really solved (one quality_check row per problem).
 */
export class QualityCheckService {
  constructor(
    private readonly notifier: Notifier,
    private readonly rate: number,
    private readonly clock: Clock,
  ) {}

  /** True when this problem is in the sample. */
  sampled(problemId: string): boolean {
    return sampleShare(problemId) < this.rate;
  }

  /**
   * Inside the step's transaction: when the problem is sampled and not asked before, records the
   * check and queues the question to the contacts. Returns true when it asked.
   */
  async consider(em: EntityManager, problem: Problem, facts: ProblemFacts, key: string): Promise<boolean> {
    if (!this.sampled(problem.id)) return false;
    const contacts = await directory.contacts(em, problem.enterpriseId, problem.reporterId);
    if (contacts.length === 0) return false;
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO quality_check (problem_id, contact_id, checked_status) VALUES ($1, $2, $3)
       ON CONFLICT (problem_id) DO NOTHING RETURNING id`,
      [problem.id, contacts[0].id, problem.status],
    );
    if (inserted.length === 0) return false;
    const payload = qualityQuestion(facts, problem.status === 'withdrawn');
    for (const c of contacts) await this.notifier.toPerson(em, c.id, `${key}-qc`, payload);
    return true;
  }

  /** The problem's check, if one was asked. */
  async find(em: EntityManager, problemId: string): Promise<QualityCheckRow | null> {
    const [row] = await em.query<QualityCheckRow[]>(
      `SELECT id, contact_id AS "contactId", checked_status AS "checkedStatus", solved
       FROM quality_check WHERE problem_id = $1`,
      [problemId],
    );
    return row ?? null;
  }

  /** Records the answer once; false when it had been answered already. */
  async record(em: EntityManager, checkId: string, solved: boolean, answer: string): Promise<boolean> {
    const result: unknown = await em.query(
      `UPDATE quality_check SET solved = $2, answer = $3, answered_at = $4
       WHERE id = $1 AND solved IS NULL RETURNING id`,
      [checkId, solved, answer, this.clock.now()],
    );
    return returnedRows(result).length > 0;
  }
}
