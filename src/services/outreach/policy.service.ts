import type { DataSource } from 'typeorm';
import type { PolicyDraft } from '../../commands/parser/types';
import { Policy } from '../../entities';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation, UserError } from '../../lib/errors';
import type { PolicyReach, PolicyRepository } from '../../repositories/policy.repository';
import type { ProblemRepository } from '../../repositories/problem.repository';
import type { Notifier } from '../notifier';
import { type Actor, can } from '../permissions';
import type { ProblemWorkflowService } from '../problem-workflow.service';
import { policyCadreMessage, policyGroupMessage } from './policy-messages';
import { readScopeWords } from './policy-scope';
import { sendingTransaction } from '../../outbox/sender';
import { directory } from '../../repositories/directory.repository';

/** Working days the contact unit has to answer a firm's question about a policy (咨询). */
export const CONSULT_TIME_LIMIT_DAYS = 3;

/** What publishing came to. */
export interface Published {
  policy: Policy;
  targeted: number;
  replayed: boolean;
}

/** 送政策到企业: publish (target, queue), the day's merged push, receipts, questions, reach. */
export class PolicyService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly repo: PolicyRepository,
    private readonly units: ProblemRepository,
    private readonly workflow: ProblemWorkflowService,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Publishes a policy: resolves the scope and the contact unit (a clear Chinese error names what
   * does not resolve), stores it and queues one delivery per targeted firm for the day's push.
   */
  async publish(draft: PolicyDraft, actor: Actor, sourceKey: string | null): Promise<Published> {
    if (!can(actor, 'publish_policy')) throw new UserError('只有办理人或管理员可以发布政策。', 'forbidden');
    if (sourceKey) {
      const seen = await this.ds.getRepository(Policy).findOne({ where: { sourceKey } });
      if (seen) return { policy: seen, targeted: await this.targetedCount(seen.id), replayed: true };
    }
    const title = (draft.title ?? '').trim();
    if (!title) throw new UserError('请写明政策标题。');
    const contactUnitId = await this.resolveUnit(draft.contactUnit ?? '', '咨询单位');
    const scope = await this.resolveScope(draft.scope ?? '');
    const issuer = (draft.issuer ?? '').trim() || (await this.unitNameOf(actor)) || '亲商助企办';
    const link = (draft.link ?? '').trim();
    const now = this.clock.now();
    try {
      return await sendingTransaction(this.ds, async (em) => {
        const policy = em.create(Policy, {
          title: title.slice(0, 200),
          issuer: issuer.slice(0, 100),
          summary: (draft.summary ?? '').trim(),
          link: /^https?:\/\//i.test(link) ? link : null,
          fileRef: link && !/^https?:\/\//i.test(link) ? link : null,
          ...scope,
          contactUnitId,
          createdById: actor.personId,
          sourceKey,
          createdAt: now,
          updatedAt: now,
        });
        await em.save(policy);
        const ids = await this.repo.targetIds(em, policy);
        await this.repo.queueDeliveries(em, policy.id, ids, now);
        return { policy, targeted: ids.length, replayed: false };
      });
    } catch (err) {
      if (sourceKey && isUniqueViolation(err)) return this.publish(draft, actor, sourceKey);
      throw err;
    }
  }

  /**
   * The day's push (job `policy-push`): every firm with queued deliveries gets one message holding
   * all of them, in its group, else through its cadre; a firm with neither is recorded as failed.
   * The deliveries are marked in the same transaction as the outbox rows, so a re-run sends nothing
   * twice; keys are `<keyPrefix>e<firm>-d<first delivery>`.
   */
  async push(at: Date, keyPrefix: string): Promise<number> {
    return sendingTransaction(this.ds, async (em) => {
      const firms = await this.repo.lockQueued(em);
      for (const firm of firms) {
        const key = `${keyPrefix}e${firm.enterpriseId}-d${firm.policies[0].deliveryId}`;
        const ids = firm.policies.map((p) => p.deliveryId);
        const groups = await this.notifier.toGroups(
          em,
          { purpose: 'enterprise', enterpriseId: firm.enterpriseId },
          key,
          policyGroupMessage(firm),
        );
        if (groups > 0) {
          await this.repo.markPushed(em, ids, { status: 'sent', via: 'group', outboxKey: `${key}-` }, at);
          continue;
        }
        const viaCadre =
          firm.cadreId !== null &&
          (await this.notifier.toPerson(em, firm.cadreId, key, policyCadreMessage(firm)));
        await this.repo.markPushed(
          em,
          ids,
          viaCadre
            ? { status: 'sent', via: 'cadre', outboxKey: `${key}-` }
            : { status: 'no_channel', via: null, outboxKey: null },
          at,
        );
      }
      return firms.length;
    });
  }

  /** 已阅 from a firm's contact: records the receipt once. */
  async acknowledge(enterpriseId: string, number: number | null, actor: Actor): Promise<string> {
    const d = await this.repo.deliveryFor(enterpriseId, number);
    if (!d) throw new UserError(noPolicy(number));
    if (d.acknowledgedAt) return `已记录过：贵企业已阅政策 ${d.number}《${d.title}》。`;
    await this.repo.acknowledge(d.id, actor.personId, this.clock.now());
    return `已记录：贵企业已阅政策 ${d.number}《${d.title}》。如有疑问可发送“咨询 ${d.number} 问题”。`;
  }

  /**
   * 咨询 from a firm's contact: a ledger problem of kind 咨询, assigned to the policy's contact unit
   * with its own time limit; the unit answers it like any problem (答复), the firm rates it.
   */
  async consult(
    enterpriseId: string,
    number: number | null,
    question: string,
    actor: Actor,
    sourceKey: string,
  ): Promise<{ code: string; dueOn: string | null; unit: string; number: number }> {
    const d = await this.repo.deliveryFor(enterpriseId, number);
    if (!d) throw new UserError(noPolicy(number));
    const reported = await this.workflow.ledger.report(
      {
        enterpriseId,
        description: `咨询政策 ${d.number}《${d.title}》：${question}`,
        kind: 'consult',
        sourceKey,
      },
      actor,
    );
    await this.repo.linkQuestion(this.ds.manager, d.policyId, reported.problem.id);
    let problem = reported.problem;
    if (problem.status === 'pending') {
      const routed = await this.workflow.step(
        'assignWithTerms',
        [problem.code, d.contactUnitId, { limitDays: CONSULT_TIME_LIMIT_DAYS }],
        { idempotencyKey: `${sourceKey}-consult`, note: '政策咨询' },
      );
      problem = routed.problem;
    }
    const unitName = await directory.unitName(this.ds, d.contactUnitId);
    return { code: problem.code, dueOn: problem.dueOn, unit: unitName ?? '', number: d.number };
  }

  /** A policy and its reach, for 政策 N and the API. */
  async report(number: number): Promise<{ policy: Policy; reach: PolicyReach } | null> {
    const policy = await this.ds.getRepository(Policy).findOne({ where: { number } });
    if (!policy) return null;
    return { policy, reach: await this.repo.reach(policy.id) };
  }

  /** The cadre's firms that have not acknowledged a pushed policy. */
  unacknowledgedFor(cadreId: string) {
    return this.repo.unacknowledgedFor(cadreId);
  }

  private async targetedCount(policyId: string): Promise<number> {
    return (await this.repo.reach(policyId)).targeted;
  }

  private async unitNameOf(actor: Actor): Promise<string | null> {
    if (!actor.unitId) return null;
    return directory.unitName(this.ds, actor.unitId);
  }

  /** One unit for a typed name, or a Chinese error listing the candidates. */
  async resolveUnit(text: string, what: string): Promise<string> {
    const units = await this.units.findUnits(text);
    if (units.length === 1) return units[0].id;
    if (units.length === 0) throw new UserError(`找不到${what}“${text}”，请写单位全称。`);
    throw new UserError(`${what}“${text}”不明确，请写全称：${units.map((u) => u.name).join('、')}。`);
  }

  private async resolveScope(
    text: string,
  ): Promise<
    Pick<Policy, 'targetAll' | 'targetDistrictIds' | 'targetIndustries' | 'targetKind' | 'targetCreditCodes'>
  > {
    const words = readScopeWords(text);
    const areas = await this.repo.areasNamed(words.names);
    const rest = words.names.filter((w) => !areas.some((a) => a.word === w));
    const industries = await this.repo.knownIndustries(rest);
    const unknown = rest.filter((w) => !industries.includes(w));
    if (unknown.length > 0) {
      throw new UserError(
        `推送范围里的“${unknown.join('、')}”不是区县、行业或统一社会信用代码。可写：全部、区县名、行业、企业/项目单位、信用代码，用“、”分隔。`,
      );
    }
    const any = words.all || words.kind || words.creditCodes.length || areas.length || industries.length;
    if (!any) throw new UserError('请写明推送范围：全部、区县、行业、企业/项目单位或统一社会信用代码。');
    return {
      targetAll: words.all,
      targetDistrictIds: areas.map((a) => a.id),
      targetIndustries: industries,
      targetKind: words.kind,
      targetCreditCodes: words.creditCodes,
    };
  }
}

function noPolicy(number: number | null): string {
  return number === null ? '贵企业还没有收到推送的政策。' : `贵企业没有收到编号为 ${number} 的政策。`;
}
