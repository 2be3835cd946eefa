/** Characters that are markup to some renderer, each with a full-width look-alike that is not. */
export type MarkdownEscapes = Readonly<Record<string, string>>;

// Full-width look-alikes read the same to a person and mean nothing to any renderer.
export const COMMON_ESCAPES: MarkdownEscapes = {
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

/**
 * Every character any of our renderers reads as markup (mentions with `@`, emphasis with `_` too): for
 * markdown built before the platform is known (digests, reports).
 */
export const ANY_MARKDOWN: MarkdownEscapes = { ...COMMON_ESCAPES, '@': '＠', _: '＿' };

const PATTERN = /[[\]*`#<>|~@_]/g;

/**
 * Text a person typed, made inert inside markdown: no links or images, headings, quotes, emphasis,
 * tables, HTML (`<font>`) or @-mentions; line breaks become spaces so it cannot start a line of its
 * own. What it says stays readable. `escapes`: a renderer's own table (src/platforms/kit), or all of them.
 */
export function escapeMarkdown(text: string, escapes: MarkdownEscapes = ANY_MARKDOWN): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(PATTERN, (ch) => escapes[ch] ?? ch);
}

/** Like escapeMarkdown, keeping line breaks (each line escaped and never a block start). */
export function escapeMarkdownLines(text: string, escapes: MarkdownEscapes = ANY_MARKDOWN): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeMarkdown(line, escapes).replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\u200b$2$3'))
    .join('\n');
}
