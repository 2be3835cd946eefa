/** The roster's sheets and columns, exactly as `contract.md` names them. */
export const SHEET_NAMES = ['单位', '人员', '企业', '包联', '问题类别', '群聊', '节假日'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

export interface ColumnSpec {
  name: string;
  required?: boolean;
  /** Longest value the database column holds, in characters. */
  maxLength?: number;
}

export interface SheetSpec {
  optional?: boolean;
  columns: ColumnSpec[];
}

export const SHEETS: Record<SheetName, SheetSpec> = {
  单位: {
    columns: [
      { name: '名称', required: true, maxLength: 100 },
      { name: '类型', required: true },
      { name: '上级单位' },
    ],
  },
  人员: {
    columns: [
      { name: '姓名', required: true, maxLength: 50 },
      { name: '手机', required: true },
      { name: '单位', required: true },
      { name: '角色', required: true },
      { name: '企业微信账号', maxLength: 64 },
      { name: '钉钉账号', maxLength: 64 },
      { name: '所属企业' },
      { name: '状态' },
    ],
  },
  企业: {
    columns: [
      { name: '企业名称', required: true, maxLength: 200 },
      { name: '简称', maxLength: 50 },
      { name: '统一社会信用代码', required: true },
      { name: '所属区县', required: true },
      { name: '行业', maxLength: 50 },
      { name: '类型' },
      { name: '每月走访次数' },
    ],
  },
  包联: {
    columns: [
      { name: '干部手机', required: true },
      { name: '企业', required: true },
    ],
  },
  问题类别: {
    columns: [
      { name: '类别', required: true, maxLength: 50 },
      { name: '牵头单位', required: true },
      { name: '办理时限（工作日）', required: true },
      { name: '关键词' },
    ],
  },
  群聊: {
    columns: [
      { name: '平台', required: true },
      { name: '群ID', required: true, maxLength: 128 },
      { name: '用途', required: true },
      { name: '绑定对象', required: true },
      { name: '群机器人地址' },
      { name: '群机器人密钥' },
    ],
  },
  节假日: {
    optional: true,
    columns: [
      { name: '日期', required: true },
      { name: '类型', required: true },
      { name: '名称', maxLength: 50 },
    ],
  },
};

/**
 * A header as people type it: without the `*`/`＊` marker and spaces, and with ASCII parentheses made
 * full-width, so `办理时限(工作日)*` and `办理时限（工作日）` name the same column.
 */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/[*＊\s]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/** A cell's text: trimmed of ASCII and full-width spaces (String.trim covers U+3000 and the BOM). */
export function normalizeCell(raw: string): string {
  return raw.trim();
}
