import {
  ANY_MARKDOWN,
  COMMON_ESCAPES,
  escapeMarkdown as escapeWith,
  escapeMarkdownLines as escapeLinesWith,
  type MarkdownEscapes,
} from '../../lib/markdown-escape';

/** The markdown dialects we render into; 'any' for markdown built before the platform is known. */
export type MarkdownDialect = 'wecom' | 'dingtalk' | 'any';

const TABLES: Record<MarkdownDialect, MarkdownEscapes> = {
  /** DingTalk renders `@mobile` / `@userId` as a mention when the id is in `at`; never from user text. */
  dingtalk: { ...COMMON_ESCAPES, '@': '＠' },
  /** WeCom markdown mentions are `<@userid>` (covered by < >); `_` starts emphasis there. */
  wecom: { ...COMMON_ESCAPES, _: '＿' },
  any: ANY_MARKDOWN,
};

/** `escapeMarkdown` of src/lib with the renderer's own table. */
export function escapeMarkdown(text: string, dialect: MarkdownDialect): string {
  return escapeWith(text, TABLES[dialect]);
}

/** `escapeMarkdownLines` of src/lib with the renderer's own table. */
export function escapeMarkdownLines(text: string, dialect: MarkdownDialect): string {
  return escapeLinesWith(text, TABLES[dialect]);
}
