import type { DataSource } from 'typeorm';
import type { AccountPlatform } from '../../entities/enums';
import { UserError } from '../../lib/errors';
import { type Actor, can } from '../permissions';
import { isUuid } from '../../lib/ids';
import { VisitRecordRepository } from '../../repositories/visit-record.repository';
import type { BindGroupResult } from './visit.types';
import { sendingTransaction } from '../../outbox/sender';

/** 绑定企业群: a chat becomes a firm's 企业群, so confirmations and notices reach the firm there. */
export class GroupBindingService {
  constructor(private readonly ds: DataSource) {}

  /**
   * Binds a group chat to a firm as its 企业群. Only the firm's paired cadre or an admin; a chat
   * bound to something else (another firm, a unit, the leaders) is re-bound only by an admin.
   */
  async bindGroup(
    actor: Actor,
    chat: { platform: AccountPlatform; chatId: string },
    enterpriseId: string,
  ): Promise<BindGroupResult> {
    // An admin binds any firm's group and re-binds a chat bound to something else; a cadre their own firm's.
    const isAdmin = actor.roles.includes('admin');
    if (!can(actor, 'bind_group')) {
      throw new UserError('只有该企业的包联干部或管理员才能绑定企业群。', 'forbidden');
    }
    if (!isUuid(enterpriseId)) throw new UserError('找不到该企业。');
    return sendingTransaction(this.ds, async (em) => {
      const visits = new VisitRecordRepository(em);
      const enterprise = await visits.enterpriseWithCadre(enterpriseId);
      if (!enterprise) throw new UserError('找不到该企业。');
      if (!isAdmin && enterprise.cadreId !== actor.personId) {
        throw new UserError(`您不是${enterprise.name}的包联干部，不能绑定它的企业群。`, 'forbidden');
      }
      const existing = await visits.lockGroupBinding(chat.platform, chat.chatId);
      if (existing && !isAdmin && existing.enterpriseId !== enterprise.id) {
        const bound = existing.enterpriseName ? `企业“${existing.enterpriseName}”` : '其他用途';
        throw new UserError(`本群已绑定${bound}，如需改绑请联系亲商助企办。`, 'forbidden');
      }
      const row = await visits.bindEnterpriseGroup(chat.platform, chat.chatId, enterprise.id);
      return {
        groupId: row.id,
        enterprise: { id: enterprise.id, name: enterprise.name },
        unchanged: existing?.enterpriseId === enterprise.id,
        hasRobot: row.hasRobot,
      };
    });
  }
}
