import type { ReplyPayload } from '../../bot/reply';
import { formatDateZh, type IsoDate } from '../../lib/time';
import { contactsMissing, DEFAULT_CONTACT_TARGET, ruleName, targetMet } from '../../services/contact-rule';
import type { PairStatus, RegisterVisitResult, VisitRecord } from '../../services/visits';
import { METHOD_LABELS } from '../../entities/labels';
import { dateEcho } from '../understand/echo';

const monthZh = (date: IsoDate) => `${Number(date.slice(5, 7))}月`;

/** "本月第2次，一月两见已达标。" — the pair's distinct contact days in the visit's month. */
export function monthLine(result: RegisterVisitResult, today: IsoDate): string {
  const { visit, monthContacts: n } = result;
  const month = visit.visitedOn.slice(0, 7) === today.slice(0, 7) ? '本月' : monthZh(visit.visitedOn);
  const count = result.sameDayBefore
    ? `同一天已有联系记录，与之合并计为一次联系，${month}累计${n}次`
    : `${month}第${n}次`;
  const t = result.monthTarget;
  const rule = ruleName(t);
  const target = targetMet(n, t) ? `${rule}已达标` : `还需再联系${contactsMissing(n, t)}次才达到${rule}`;
  return `${count}，${target}。`;
}

/**
 * "已登记：11月20日（周五）上门走访 西安…有限公司，了解用工情况。本月第2次，一月两见已达标。" plus notes:
 * a firm not paired with the cadre, a date before the pair began, the problem found, the confirmation request.
 */
export function visitReply(
  result: RegisterVisitResult,
  today: IsoDate,
  extra: { problemLine: string | null; askedToConfirm: boolean; undoable?: boolean },
): string {
  const v = result.visit;
  const lines = [
    `已登记：${dateEcho(v.visitedOn, today)}${METHOD_LABELS[v.method]} ${v.enterpriseName}${v.summary ? `，${v.summary}` : ''}。` +
      (result.paired ? monthLine(result, today) : ''),
  ];
  if (!result.paired) lines.push(`注意：该企业不是您的包联企业，走访已照常记录，但不计入您的${ruleName()}。`);
  if (result.heldByOtherThen) lines.push('注意：走访当日该企业由其他干部包联，已照常记录。');
  if (extra.problemLine) lines.push(extra.problemLine);
  if (extra.askedToConfirm) lines.push('已请企业确认这次走访。');
  if (extra.undoable) lines.push('如有误，回复“撤销”即可撤回。');
  return lines.join('\n');
}

/** The card the enterprise's group gets: one tap confirms the visit (two-sided records). */
export function confirmCard(v: VisitRecord): ReplyPayload & { msgtype: 'card' } {
  return {
    msgtype: 'card',
    card: {
      title: '请确认走访',
      description:
        `包联干部${v.cadreName}登记了${formatDateZh(v.visitedOn)}对贵企业的${METHOD_LABELS[v.method]}` +
        `${v.summary ? `：${v.summary}` : ''}。如情况属实，请点击确认。`,
      // One tap where buttons exist (app card, DingTalk); in a group robot's markdown, two words to type.
      buttons: [{ text: '确认走访', key: `确认走访 ${v.id}`, typed: '确认走访' }],
    },
  };
}

/** 我的企业: each pair with this month's contacts (x/target) and open problems, least contacted first. */
export function myEnterprisesReply(pairs: PairStatus[], today: IsoDate): string {
  if (pairs.length === 0) return '您目前没有包联企业。如有疑问请联系亲商助企办。';
  const lines = pairs.map((p, i) => {
    const mark = targetMet(p.contacts, p.target) ? '✅' : '⏳';
    const last = p.lastVisitOn ? `，最近${formatDateZh(p.lastVisitOn)}` : '';
    const problems = p.openProblems > 0 ? `，未办结问题${p.openProblems}个` : '';
    return `${i + 1}. ${p.shortName ?? p.name} ${mark}本月联系${p.contacts}/${p.target}${last}${problems}`;
  });
  const short = pairs.filter((p) => !targetMet(p.contacts, p.target)).length;
  // Key firms with their own target are named as 达标 in the summary; the usual rule keeps its name.
  const uniform = pairs.every((p) => p.target === DEFAULT_CONTACT_TARGET);
  const goal = uniform ? ruleName() : '每月走访目标';
  const tail =
    short === 0
      ? `本月全部达到${goal}。`
      : `本月还有${short}家未达到${goal}。登记走访：登记走访 企业 日期 方式 情况`;
  return `您包联的企业（${monthZh(today)}）：\n${lines.join('\n')}\n${tail}`;
}
