import { UserError } from '../lib/errors';
import type { ProblemWorkflowService } from '../services/problem-workflow.service';
import type { VisitService } from '../services/visits';
import type { BotContext } from './context';
import type { StoredEntry } from './dialogue.store';

/**
 * 撤销: withdraws the problems and deletes the visits the sender's last message stored (problems first, since
 * a visit with a problem cannot go while the problem stands). Says what was undone.
 */
export function undoStored(visits: VisitService, workflow: ProblemWorkflowService) {
  return async (entry: StoredEntry, ctx: BotContext): Promise<string> => {
    const p = ctx.person;
    if (!p) throw new UserError('请先发送“绑定 手机号”完成绑定。');
    const actor = { personId: p.id, roles: p.roles, unitId: p.unitId, enterpriseId: p.enterpriseId };
    const done: string[] = [];
    for (const code of entry.problems) {
      await workflow.step('withdraw', [code, actor], {
        idempotencyKey: `${ctx.sourceKey}-undo-${code}`,
        note: '撤销误登记',
      });
      done.push(`问题 ${code}`);
    }
    let count = 0;
    for (const id of entry.visits) if ((await visits.undoVisit(id, actor)).undone) count++;
    if (count > 0) done.unshift(`${count}条走访记录`);
    return done.length > 0 ? `已撤销：${done.join('、')}。` : '要撤销的记录已不存在。';
  };
}
