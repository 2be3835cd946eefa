import type { VisitMethod } from '../../entities/enums';

/** Words that name how the contact was made. Order does not matter: matching tries the longest first. */
const METHOD_WORDS: Record<string, VisitMethod> = {
  上门: 'onsite',
  上门走访: 'onsite',
  上门拜访: 'onsite',
  上门服务: 'onsite',
  现场: 'onsite',
  现场走访: 'onsite',
  实地: 'onsite',
  实地走访: 'onsite',
  电话: 'phone',
  打电话: 'phone',
  通电话: 'phone',
  电话联系: 'phone',
  电话沟通: 'phone',
  电话走访: 'phone',
  电话回访: 'phone',
  视频: 'video',
  视频连线: 'video',
  视频联系: 'video',
  视频会议: 'video',
  视频走访: 'video',
  线上: 'video',
  线上沟通: 'video',
  座谈: 'meeting',
  座谈会: 'meeting',
  召开座谈会: 'meeting',
  现场办公: 'meeting',
};

/** Verbs that say "I visited" without saying how. */
const PLAIN_VISIT_VERBS = ['登记走访', '走访登记', '登记拜访', '拜访登记', '走访', '拜访', '回访'];

const byLength = (words: string[]): string[] => [...words].sort((a, b) => b.length - a.length);

/** Every visit verb or method word, longest first, as one alternation. */
export const VISIT_WORD_RE = new RegExp(
  byLength([...Object.keys(METHOD_WORDS), ...PLAIN_VISIT_VERBS]).join('|'),
  'g',
);

/** Verbs that open a visit command when a message starts with them (电话联系了…, 走访…). */
export const VISIT_OPENING_RE = new RegExp(
  `^(?:${byLength([...Object.keys(METHOD_WORDS), ...PLAIN_VISIT_VERBS]).join('|')})`,
);

/** Words that mark a visit anywhere in a message that also holds a date (昨天去曲江文旅走访了). */
export const VISIT_MARK_RE =
  /走访|拜访|上门|回访|座谈|现场办公|打电话|通电话|电话联系|电话沟通|视频连线|视频会议/;

/** The method a visit or method word names, or null for a plain verb (走访, 拜访). */
export function methodOf(word: string): VisitMethod | null {
  return METHOD_WORDS[word] ?? null;
}
