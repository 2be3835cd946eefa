import { incomplete, parsed, refused } from './results';
import { afterLeadingWord } from './text';
import type { CommandParser } from './types';

/** A mainland mobile number, after spaces, dashes and a +86 prefix are removed. */
function readMobile(text: string): string | null {
  const digits = text.replace(/[\s\-()（）]/g, '').replace(/^(?:\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * 绑定企业 <企业> (binds a group chat), 绑定 <手机号> [验证码] (links the chat account to the roster),
 * 同意绑定 / 拒绝绑定 <申请号> and 解除绑定 <手机号> (an admin's decisions).
 */
export const parseAccount: CommandParser = (text) => {
  const decide = afterLeadingWord(text, ['同意绑定', '批准绑定', '拒绝绑定', '不同意绑定']);
  if (decide !== null) {
    const no = /^(?:申请)?(?:号)?\s*(\d{1,9})$/.exec(decide.rest);
    if (!no) return incomplete('decideBinding', ['requestNo']);
    return parsed({
      name: 'decideBinding',
      requestNo: Number(no[1]),
      approve: !/拒绝|不同意/.test(decide.word),
    });
  }
  const unbind = afterLeadingWord(text, ['解除绑定', '解绑']);
  if (unbind !== null) {
    const mobile = readMobile(unbind.rest);
    if (unbind.rest === '') return incomplete('unbind', ['mobile']);
    return mobile === null
      ? refused('unbind', 'invalid_mobile', `“${unbind.rest}”不是有效的11位手机号。`)
      : parsed({ name: 'unbind', mobile });
  }
  const group = afterLeadingWord(text, ['绑定企业', '绑定本群', '本群绑定', '群绑定企业']);
  if (group !== null) {
    return group.rest === ''
      ? incomplete('bindGroup', ['enterprise'])
      : parsed({ name: 'bindGroup', enterprise: group.rest });
  }
  const bind = afterLeadingWord(text, ['绑定手机号', '绑定手机', '绑定']);
  if (bind === null) return null;
  if (bind.rest === '') return incomplete('bind', ['mobile']);
  // 绑定 13800138000 123456: the one-time code sent through a channel already tied to the person.
  const withCode = /^(.*?)\s*(?:验证码)?\s*(\d{6})$/.exec(bind.rest);
  const mobile = readMobile(withCode ? withCode[1] : bind.rest) ?? readMobile(bind.rest);
  if (mobile === null) return refused('bind', 'invalid_mobile', `“${bind.rest}”不是有效的11位手机号。`);
  const code = withCode && readMobile(withCode[1]) === mobile ? withCode[2] : null;
  return parsed({ name: 'bind', mobile, code });
};
