import { incomplete, parsed, refused } from './results';
import { afterLeadingWord } from './text';
import type { CommandParser } from './types';

/** A mainland mobile number, after spaces, dashes and a +86 prefix are removed. */
function readMobile(text: string): string | null {
  const digits = text.replace(/[\s\-()（）]/g, '').replace(/^(?:\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** 绑定企业 <企业> (binds a group chat) and 绑定 <手机号> (links the chat account to the roster). */
export const parseAccount: CommandParser = (text) => {
  const group = afterLeadingWord(text, ['绑定企业', '绑定本群', '本群绑定', '群绑定企业']);
  if (group !== null) {
    return group.rest === ''
      ? incomplete('bindGroup', ['enterprise'])
      : parsed({ name: 'bindGroup', enterprise: group.rest });
  }
  const bind = afterLeadingWord(text, ['绑定手机号', '绑定手机', '绑定']);
  if (bind === null) return null;
  if (bind.rest === '') return incomplete('bind', ['mobile']);
  const mobile = readMobile(bind.rest);
  return mobile === null
    ? refused('bind', 'invalid_mobile', `“${bind.rest}”不是有效的11位手机号。`)
    : parsed({ name: 'bind', mobile });
};
