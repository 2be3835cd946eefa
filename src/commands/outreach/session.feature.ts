import type { Feature } from '../../bot/bot';
import { formatDateZh } from '../../lib/time';
import type { SessionService } from '../../services/outreach/session.service';
import { actorFrom } from '../problems/problem-kit';

/** 现场办公 (schedule) and the presiding leader's 现场解决 / 限期解决 / 不能解决. */
export function sessionFeature(sessions: SessionService): Feature {
  return {
    commands: {
      scheduleSession: async (cmd, ctx) => {
        const { facts: s, problems } = await sessions.schedule(cmd, actorFrom(ctx), ctx.sourceKey);
        await ctx.reply(
          `已安排现场办公 ${s.number}：${s.firm}，${formatDateZh(s.heldOn)}在${s.place}，${s.presiding}主持${
            s.units.length ? `，邀请${s.units.join('、')}` : ''
          }。议题：该企业在办问题${problems}个。已通知企业群和邀请单位，前一天会再提醒。`,
        );
      },

      sessionOutcome: async (cmd, ctx) => {
        const r = await sessions.decide(cmd, actorFrom(ctx), ctx.sourceKey);
        if (!r.recorded) {
          await ctx.reply(`${r.code} 在现场办公 ${r.session} 中已有结果，未重复记录。`);
          return;
        }
        const what = {
          onsite: `${r.code} 现场解决，已销号并请企业评价`,
          deadline: `${r.code} 限期解决，${cmd.unit}须于${r.dueOn ? formatDateZh(r.dueOn) : ''}前办结，已进入工作台账`,
          unsolvable: `${r.code} 不能解决（${cmd.note}）`,
        }[cmd.outcome];
        const minutes = r.minutesSent ? '议题已全部议定，会议纪要已发给企业和参会单位。' : '';
        await ctx.reply(`已记录（现场办公 ${r.session}）：${what}。${minutes}`);
      },
    },
  };
}
