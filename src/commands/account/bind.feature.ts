import type { DataSource } from 'typeorm';
import type { Feature } from '../../bot/bot';
import { accountPlatformOf } from '../../bot/identity.service';
import { Person } from '../../entities';
import { isUniqueViolation } from '../../lib/errors';
import { ROLE_LABELS } from '../labels';

const mask = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(7)}`;

/**
 * 绑定 <手机号>: links the sender's platform account to a roster person. A number whose person
 * already has another account on this platform (from the roster or an earlier binding) is refused,
 * so nobody can take over someone else's identity by typing their number.
 */
export function bindFeature(ds: DataSource): Feature {
  return {
    commands: {
      bind: async ({ mobile }, ctx) => {
        const platform = accountPlatformOf(ctx.msg.platform);
        const target = await ds.getRepository(Person).findOne({ where: { mobile, active: true } });
        if (!target) {
          await ctx.reply(`花名册中没有手机号 ${mask(mobile)}，请核对后重试，或联系亲商助企办登记。`);
          return;
        }
        if (ctx.person) {
          await ctx.reply(
            ctx.person.id === target.id
              ? `您已绑定为 ${target.name}，无需重复绑定。发送“帮助”查看可用命令。`
              : `您的账号已绑定为 ${ctx.person.name}，不能再绑定其他人的手机号。`,
          );
          return;
        }
        const rosterAccount = platform === 'wecom' ? target.wecomUserId : target.dingtalkUserId;
        const [other] = await ds.query(
          `SELECT external_user_id FROM account_binding WHERE platform = $1 AND person_id = $2`,
          [platform, target.id],
        );
        if ((rosterAccount && rosterAccount !== ctx.msg.senderId) || other) {
          await ctx.reply('该手机号已绑定其他账号，不能重复绑定。如账号有变更，请联系亲商助企办处理。');
          return;
        }
        try {
          await ds.query(
            `INSERT INTO account_binding (platform, external_user_id, person_id) VALUES ($1, $2, $3)
             ON CONFLICT (platform, external_user_id) DO NOTHING`,
            [platform, ctx.msg.senderId, target.id],
          );
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
        const roles = target.roles.map((r) => ROLE_LABELS[r]).join('、');
        await ctx.reply(`绑定成功：${target.name}（${roles}）。发送“帮助”查看可用命令。`);
      },
    },
  };
}
