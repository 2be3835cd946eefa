import type { DataSource } from 'typeorm';
import type { AccountPlatform } from '../../entities/enums';
import { UserError } from '../../lib/errors';
import { type Actor, can } from '../permissions';
import { UUID } from './visit-rows';
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
    if (!UUID.test(enterpriseId)) throw new UserError('找不到该企业。');
    return sendingTransaction(this.ds, async (em) => {
      const [enterprise] = await em.query<{ id: string; name: string; cadre_id: string | null }[]>(
        `SELECT e.id, e.name, p.cadre_id FROM enterprise e
         LEFT JOIN pairing p ON p.enterprise_id = e.id AND p.ended_at IS NULL
         WHERE e.id = $1 AND e.active`,
        [enterpriseId],
      );
      if (!enterprise) throw new UserError('找不到该企业。');
      if (!isAdmin && enterprise.cadre_id !== actor.personId) {
        throw new UserError(`您不是${enterprise.name}的包联干部，不能绑定它的企业群。`, 'forbidden');
      }
      const [existing] = await em.query<
        { purpose: string; enterprise_id: string | null; enterprise_name: string | null }[]
      >(
        `SELECT g.purpose, g.enterprise_id, e.name AS enterprise_name FROM group_chat g
         LEFT JOIN enterprise e ON e.id = g.enterprise_id
         WHERE g.platform = $1 AND g.chat_id = $2 FOR UPDATE OF g`,
        [chat.platform, chat.chatId],
      );
      if (existing && !isAdmin && existing.enterprise_id !== enterprise.id) {
        const bound = existing.enterprise_name ? `企业“${existing.enterprise_name}”` : '其他用途';
        throw new UserError(`本群已绑定${bound}，如需改绑请联系亲商助企办。`, 'forbidden');
      }
      const [row] = await em.query<{ id: string; has_robot: boolean }[]>(
        `INSERT INTO group_chat (platform, chat_id, purpose, enterprise_id, unit_id)
         VALUES ($1, $2, 'enterprise', $3, NULL)
         ON CONFLICT (platform, chat_id)
         DO UPDATE SET purpose = 'enterprise', enterprise_id = EXCLUDED.enterprise_id, unit_id = NULL,
                       updated_at = now()
         RETURNING id, webhook_url IS NOT NULL AS has_robot`,
        [chat.platform, chat.chatId, enterprise.id],
      );
      return {
        groupId: row.id,
        enterprise: { id: enterprise.id, name: enterprise.name },
        unchanged: existing?.enterprise_id === enterprise.id,
        hasRobot: row.has_robot,
      };
    });
  }
}
