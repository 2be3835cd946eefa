/** The markdown dialects we render into; 'any' for markdown built before the platform is known. */
export type MarkdownDialect = 'wecom' | 'dingtalk' | 'any';

// Full-width look-alikes read the same to a person and mean nothing to either renderer.
const COMMON: Record<string, string> = {
  '[': '［',
  ']': '］',
  '*': '＊',
  '`': '｀',
  '#': '＃',
  '<': '＜',
  '>': '＞',
  '|': '｜',
  '~': '～',
};
/** DingTalk renders `@mobile` / `@userId` as a mention when the id is in `at`; never from user text. */
const DINGTALK: Record<string, string> = { ...COMMON, '@': '＠' };
/** WeCom markdown mentions are `<@userid>` (covered by < >); `_` starts emphasis there. */
const WECOM: Record<string, string> = { ...COMMON, _: '＿' };

const ANY: Record<string, string> = { ...DINGTALK, ...WECOM };

const PATTERN = /[[\]*`#<>|~@_]/g;

/**
 * Text a person typed, made inert inside markdown of `dialect`: no links or images, headings,
 * quotes, emphasis, tables, HTML (`<font>`) or @-mentions; line breaks become spaces so it
 * cannot start a line of its own. What it says stays readable.
 */
export function escapeMarkdown(text: string, dialect: MarkdownDialect): string {
  const table = dialect === 'dingtalk' ? DINGTALK : dialect === 'wecom' ? WECOM : ANY;
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(PATTERN, (ch) => table[ch] ?? ch);
}

/** Like escapeMarkdown, keeping line breaks (each line escaped and never a block start). */
export function escapeMarkdownLines(text: string, dialect: MarkdownDialect): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeMarkdown(line, dialect).replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\u200b$2$3'))
    .join('\n');
}
