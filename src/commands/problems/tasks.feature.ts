import type { Feature } from '../../bot/bot';
import { UNDELIVERED } from '../../services/delivery-plan';
import { formatDateZh, inZone } from '../../lib/time';
import { STATUS_LABELS } from '../../entities/labels';
import { actorFrom, briefLine, type ProblemFeatureDeps } from './problem-kit';

/** How many history lines 查看 shows (the latest ones). */
const MAX_HISTORY = 12;

/** Notes that need a word before them to read as a step. */
const NOTE_PREFIX: Record<string, string> = { report: '上报：', answer: '答复：' };

const TIER_TEXT = { normal: '', blue: '，蓝色预警', yellow: '，黄色预警', red: '，红色预警' } as const;

/** 我的问题 / 待办 (what waits for the sender, by role) and 查看 <编号> (a problem with its history). */
export function tasksFeature(deps: ProblemFeatureDeps): Feature {
  const { workflow, repo } = deps;
  return {
    commands: {
      myTasks: async (_cmd, ctx) => {
        const sections = await repo.tasks(actorFrom(ctx));
        if (sections.length === 0) {
          await ctx.reply('目前没有等您处理的问题。');
          return;
        }
        const body = sections
          .map((s) => `【${s.title}】\n${s.items.map((i) => `· ${briefLine(i)}`).join('\n')}`)
          .join('\n');
        await ctx.reply(`您的待办：\n${body}\n发送“查看 编号”看详情。`);
      },
      show: async ({ code }, ctx) => {
        const problem = await workflow.ledger.findByCode(code, actorFrom(ctx));
        if (!problem) {
          await ctx.reply(`找不到编号为 ${code} 的问题，或您无权查看。请核对编号，或发送“我的待办”。`);
          return;
        }
        const names = (await repo.names([problem])).get(problem.id);
        const coUnits = await repo.coUnits(problem.id);
        const history = await repo.history(problem.id);
        const tier = workflow.ledger.tierOf(problem);
        const lines = [
          `问题 ${problem.code}（${STATUS_LABELS[problem.status]}${TIER_TEXT[tier]}）`,
          `企业：${names?.enterprise.name ?? ''}`,
          `类别：${names?.category ?? '未分类'}`,
          `牵头单位：${names?.leadUnit?.name ?? '待交办'}${coUnits.length ? `；协办：${coUnits.join('、')}` : ''}`,
          ...(problem.dueOn ? [`期限：${formatDateZh(problem.dueOn)}`] : []),
          `描述：${problem.description}`,
          ...(problem.resolution ? [`答复：${problem.resolution}`] : []),
          '进展：',
          ...history
            .slice(-MAX_HISTORY)
            .map(
              (h) =>
                `· ${inZone(h.at).format('MM-DD HH:mm')} ${NOTE_PREFIX[h.action] ?? ''}${h.note}${h.actor ? `（${h.actor}）` : ''}` +
                (h.delivery
                  ? ` · ${h.delivery.startsWith(UNDELIVERED) ? h.delivery : `已通知${h.delivery}`}`
                  : ''),
            ),
        ];
        await ctx.reply(lines.join('\n'));
      },
    },
  };
}
