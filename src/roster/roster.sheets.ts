import type { Role } from '../entities/enums';
import { invert } from '../lib/collections';
import { isValidCreditCode, normalizeCreditCode } from '../lib/credit-code';
import { parseContactTarget } from '../services/contact-rule';
import {
  type AnyColumn,
  column,
  INVALID,
  label,
  labelList,
  lookup,
  optionalText,
  sheet,
  text,
  type CellAt,
  type Column,
  type Columns,
  type AnySheet,
  type Store,
} from './column';
import type { RosterPlace } from '../platforms/adapter';
import { platformModules } from '../platforms/registry';
import { q } from './roster-errors';
import {
  CATEGORY_KIND_LABELS,
  categoryKind,
  ENTERPRISE_KIND_LABELS,
  HOLIDAY_KIND_LABELS,
  isHttpUrl,
  parseDate,
  parsePositiveInt,
  PERSON_STATUS_LABELS,
  PURPOSE_LABELS,
  ROLE_LABELS,
  splitList,
  UNIT_KIND_LABELS,
} from './roster.fields';

/**
 * The roster's sheets and columns, exactly as `contract.md` names them. Each column is one declaration
 * (`column.ts`): header, required, length, how its cell reads, where its value is stored. The checks
 * (`validation/`), the row types (`roster.types.ts`) and the writes (`roster.repository.ts`) follow from it.
 */
export const SHEET_NAMES = ['单位', '人员', '企业', '包联', '问题类别', '群聊', '节假日'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

const varchar = (name: string): Store => ({ column: name, type: 'varchar' });
const unitId = (name: string): Store => ({ column: name, ref: { table: 'org_unit', key: 'name' } });

/** A unit's name (`districtOnly`: a 区县 or 开发区), reported when there is none. */
function unitRef(header: string, options: { districtOnly?: boolean; store?: Store } = {}): Column<string> {
  return column(
    header,
    (raw, at) => (at.ctx.unitRef(at.r, header, raw, options.districtOnly) ? raw : INVALID),
    { required: true, store: options.store },
  );
}

/** The credit code an enterprise reference (credit code, name or short name) means. */
const enterpriseRef = (raw: string, at: CellAt): string | typeof INVALID =>
  at.ctx.enterpriseRef(at.r, at.column, raw) ?? INVALID;

/** An 11-digit mobile. */
const mobile = (raw: string, at: CellAt): string | typeof INVALID =>
  at.ctx.mobile(at.r, at.column) ?? INVALID;

/** 角色: several role words; the first unknown one is reported. */
function roles(raw: string, at: CellAt): Role[] | typeof INVALID {
  const out: Role[] = [];
  for (const word of splitList(raw)) {
    const role = lookup(ROLE_LABELS, word);
    if (!role) return at.fail(`${q(word)} 不是有效的角色，应为 ${labelList(ROLE_LABELS)}`);
    if (!out.includes(role)) out.push(role);
  }
  return out;
}

/**
 * A platform account column of 人员: held by nobody else in the sheet, nor in the system by someone this
 * roster does not list (a listed holder may give it up).
 */
function account(header: string, namespace: string): Column<string | null> {
  return column<string | null>(
    header,
    (raw, at) => {
      const key = `${namespace}:${raw}`;
      let ok = at.ctx.once(at.r, header, key, raw);
      const holder = at.ctx.existing.accounts.get(key);
      const own = at.values.mobile;
      if (holder && typeof own === 'string' && own && holder !== own && !at.ctx.listedMobiles.has(holder)) {
        at.fail(`${q(raw)} 已属于系统中手机号为 ${holder} 的人员`);
        ok = false;
      }
      return ok ? raw : INVALID;
    },
    { maxLength: 64, store: { written: 'account', namespace } },
  );
}

/** The platforms' account columns of 人员 (企业微信账号, 钉钉账号), each from its platform module. */
function accountColumns(): Record<RosterPlace['accountField'], Column<string | null>> {
  const columns: Record<RosterPlace['accountField'], Column<string | null>> = {};
  for (const m of platformModules()) {
    if (m.roster) columns[m.roster.accountField] = account(m.roster.accountColumn, m.accounts);
  }
  return columns;
}

/** `before`, the platforms' account columns, then `after`, in that workbook order. */
const withAccounts =
  <B extends Columns>(before: B) =>
  <A extends Columns>(after: A): B & Record<RosterPlace['accountField'], Column<string | null>> & A => ({
    ...before,
    ...accountColumns(),
    ...after,
  });

/** 群聊.平台's words (企业微信, 钉钉) → account namespace, from the platform modules. */
function chatPlatforms(): Record<string, string> {
  return Object.fromEntries(
    platformModules().flatMap((m) => (m.roster ? [[m.roster.chatPlatform, m.accounts]] : [])),
  );
}

export const UNITS = sheet({
  columns: {
    name: text('名称', { maxLength: 100, store: varchar('name') }),
    kind: label('类型', UNIT_KIND_LABELS, { store: varchar('kind') }),
    parentName: optionalText('上级单位', { store: { written: 'parent' } }),
  },
});

export const PEOPLE = sheet({
  columns: withAccounts({
    name: text('姓名', { maxLength: 50, store: varchar('name') }),
    mobile: column('手机', mobile, { required: true, unique: (m) => m, store: varchar('mobile') }),
    unitName: unitRef('单位', { store: unitId('unit_id') }),
    roles: column('角色', roles, { required: true, store: { column: 'roles', type: 'varchar[]' } }),
  })({
    /** Credit code of the enterprise a contact speaks for. */
    enterpriseCode: column<string | null>('所属企业', enterpriseRef, {
      blank: (at) =>
        Array.isArray(at.values.roles) && (at.values.roles as Role[]).includes('contact')
          ? at.fail('角色含企业联系人时必须填写所属企业')
          : null,
      store: { column: 'enterprise_id', ref: { table: 'enterprise', key: 'credit_code', optional: true } },
    }),
    /** 人员.状态 (empty = 在岗). */
    status: label('状态', PERSON_STATUS_LABELS, {
      blank: 'active',
      expected: `${labelList(PERSON_STATUS_LABELS)}（或留空表示在岗）`,
      store: { written: 'status' },
    }),
  }),
});

export const ENTERPRISES = sheet({
  columns: {
    name: text('企业名称', { maxLength: 200, store: varchar('name') }),
    shortName: optionalText('简称', { maxLength: 50, store: varchar('short_name') }),
    creditCode: column(
      '统一社会信用代码',
      (raw, at) => {
        const code = normalizeCreditCode(raw);
        return isValidCreditCode(code) ? code : at.fail(`${q(raw)} 不是有效的统一社会信用代码`);
      },
      { required: true, unique: (code) => code, store: varchar('credit_code') },
    ),
    districtName: unitRef('所属区县', { districtOnly: true, store: unitId('district_id') }),
    industry: optionalText('行业', { maxLength: 50, store: varchar('industry') }),
    kind: label('类型', ENTERPRISE_KIND_LABELS, {
      blank: 'enterprise',
      expected: '企业 或 项目单位',
      store: varchar('kind'),
    }),
    /** 每月走访次数: the firm's own monthly contact target (key firms); null = the default rule. */
    contactTarget: column<number | null>(
      '每月走访次数',
      (raw, at) => {
        const target = parseContactTarget(raw);
        return target.ok ? target.value : at.fail(target.reason);
      },
      { store: { column: 'contact_target', type: 'smallint' } },
    ),
  },
});

export const PAIRINGS = sheet({
  columns: {
    cadreMobile: column(
      '干部手机',
      (raw, at) => {
        const m = mobile(raw, at);
        if (m === INVALID) return m;
        const held = at.ctx.people.rolesOf(m);
        if (!held) {
          if (at.ctx.rejected.people.has(m)) return INVALID;
          return at.fail(`找不到手机号为${q(m)}的人员`);
        }
        return held.includes('cadre') ? m : at.fail(`手机号${q(m)}的人员不是干部`);
      },
      { required: true },
    ),
    enterpriseCode: column('企业', enterpriseRef, { required: true }),
  },
});

export const CATEGORIES = sheet({
  columns: {
    name: text('类别', { maxLength: 50, unique: (name) => name, store: varchar('name') }),
    leadUnitName: unitRef('牵头单位', { store: unitId('lead_unit_id') }),
    timeLimitDays: column(
      '办理时限（工作日）',
      (raw, at) => parsePositiveInt(raw) ?? at.fail(`${q(raw)} 不是正整数`),
      { required: true, store: { column: 'time_limit_days', type: 'int' } },
    ),
    keywords: column('关键词', (raw) => splitList(raw), {
      blank: () => [],
      store: { column: 'keywords', type: 'varchar[]' },
    }),
  },
  /** A category's kind follows from its name. */
  derive: (v) => ({ ...v, kind: categoryKind(v.name) }),
  derivedStores: { kind: varchar('kind') },
});

export const GROUP_CHATS = sheet({
  columns: {
    platform: label('平台', chatPlatforms(), {
      expected: Object.keys(chatPlatforms()).join(' 或 '),
      store: varchar('platform'),
    }),
    chatId: text('群ID', {
      maxLength: 128,
      unique: (chat, at) => (typeof at.values.platform === 'string' ? `${at.values.platform}:${chat}` : null),
      store: varchar('chat_id'),
    }),
    purpose: label('用途', PURPOSE_LABELS, { store: varchar('purpose') }),
    /** 绑定对象: the firm of an 企业群, the unit of a 单位群 / 区县群, nothing for a 领导群. */
    binding: column(
      '绑定对象',
      (raw, at) => {
        const none = { enterpriseCode: null as string | null, unitName: null as string | null };
        const purpose = at.values.purpose;
        if (purpose === 'enterprise') {
          const code = enterpriseRef(raw, at);
          return code === INVALID ? code : { ...none, enterpriseCode: code };
        }
        if (purpose === 'unit' || purpose === 'district') {
          return at.ctx.unitRef(at.r, at.column, raw, purpose === 'district')
            ? { ...none, unitName: raw }
            : INVALID;
        }
        return none;
      },
      { required: true },
    ),
    webhookUrl: column<string | null>(
      '群机器人地址',
      (raw, at) => (isHttpUrl(raw) ? raw : at.fail(`${q(raw)} 不是有效的 http(s) 网址`)),
      { store: { column: 'webhook_url', type: 'text' } },
    ),
    webhookSecret: optionalText('群机器人密钥', { store: { column: 'webhook_secret', type: 'text' } }),
  },
  derive: ({ binding, ...rest }) => ({ ...rest, ...binding }),
  derivedStores: {
    enterpriseCode: {
      column: 'enterprise_id',
      ref: { table: 'enterprise', key: 'credit_code', optional: true },
    },
    unitName: { column: 'unit_id', ref: { table: 'org_unit', key: 'name', optional: true } },
  },
});

export const HOLIDAYS = sheet({
  optional: true,
  columns: {
    date: column('日期', (raw, at) => parseDate(raw) ?? at.fail(`${q(raw)} 不是有效的日期（YYYY-MM-DD）`), {
      required: true,
      unique: (d) => d,
      store: { column: 'date', type: 'date' },
    }),
    kind: label('类型', HOLIDAY_KIND_LABELS, { expected: '休 或 班', store: varchar('kind') }),
    name: column('名称', (raw) => raw, { maxLength: 50, blank: () => '', store: varchar('name') }),
  },
});

/**
 * The roster's word for each stored value (区县 for `district`, 企业微信 for `wecom` …), for pages that show
 * stored rows as the workbook would. Where two sheets use one value, the 单位 / 企业 kinds win over 群聊.用途
 * (`district` is 区县, `enterprise` 企业).
 */
export function rosterWords(): Record<string, string> {
  return {
    ...invert(PURPOSE_LABELS),
    ...invert(UNIT_KIND_LABELS),
    ...invert(ENTERPRISE_KIND_LABELS),
    ...invert(chatPlatforms()),
    ...invert(CATEGORY_KIND_LABELS),
    ...invert(ROLE_LABELS),
  };
}

/** Every sheet's declaration, by name. */
export const SHEETS = {
  单位: UNITS,
  人员: PEOPLE,
  企业: ENTERPRISES,
  包联: PAIRINGS,
  问题类别: CATEGORIES,
  群聊: GROUP_CHATS,
  节假日: HOLIDAYS,
} satisfies Record<SheetName, AnySheet>;

/** A sheet's declaration, as code that walks every sheet sees it. */
export const sheetOf = (name: SheetName): AnySheet => SHEETS[name];

/** A sheet's columns in workbook order. */
export function columnsOf(name: SheetName): AnyColumn[] {
  return Object.values(sheetOf(name).columns);
}

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
