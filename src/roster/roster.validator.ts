import type { Role } from '../entities/enums';
import { isValidCreditCode, normalizeCreditCode } from '../lib/credit-code';
import { q, RosterErrors } from './roster-errors';
import { EnterpriseIndex, PersonIndex, type Resolved, UnitIndex } from './roster-refs';
import {
  categoryKind,
  ENTERPRISE_KIND_LABELS,
  HOLIDAY_KIND_LABELS,
  isHttpUrl,
  parseDate,
  parseMobile,
  parsePositiveInt,
  PLATFORM_LABELS,
  PURPOSE_LABELS,
  ROLE_LABELS,
  splitList,
  UNIT_KIND_LABELS,
} from './roster.fields';
import { SHEET_NAMES, SHEETS, type SheetName } from './roster.sheets';
import {
  emptyExisting,
  type ExistingRoster,
  type RawRoster,
  type RawRow,
  type Roster,
  type RosterCategory,
  type RosterEnterprise,
  type RosterError,
  type RosterGroupChat,
  type RosterHoliday,
  type RosterPairing,
  type RosterPerson,
  type RosterUnit,
  type ValidationResult,
} from './roster.types';

/**
 * Checks a whole roster and resolves its references (to its own rows or to rows already in the database).
 * Pure: returns the validated roster, or every problem found, each naming sheet, row and column.
 */
export function validateRoster(raw: RawRoster, existing: ExistingRoster = emptyExisting()): ValidationResult {
  return new RosterValidator(raw, existing).run();
}

const lookup = <T>(labels: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined;
const labelList = (labels: Record<string, unknown>) => Object.keys(labels).join('、');

class RosterValidator {
  private readonly errors = new RosterErrors();
  private units!: UnitIndex;
  private enterprises!: EnterpriseIndex;
  private people!: PersonIndex;
  /** Keys of rows that were rejected: a reference to one is not reported again as missing. */
  private readonly rejected = {
    units: new Set<string>(),
    enterprises: new Set<string>(),
    people: new Set<string>(),
  };

  constructor(
    private readonly raw: RawRoster,
    private readonly existing: ExistingRoster,
  ) {}

  run(): ValidationResult {
    const usable = this.checkSheets();
    const rows = (sheet: SheetName) => (usable.has(sheet) ? (this.raw[sheet]?.rows ?? []) : []);

    const units = this.readUnits(rows('单位'));
    this.units = new UnitIndex(this.existing, units);
    this.checkUnitParents(units);
    const enterprises = this.readEnterprises(rows('企业'));
    this.enterprises = new EnterpriseIndex(this.existing, enterprises);
    const people = this.readPeople(rows('人员'));
    this.people = new PersonIndex(this.existing, people);
    const roster: Roster = {
      units,
      people,
      enterprises,
      pairings: this.readPairings(rows('包联')),
      categories: this.readCategories(rows('问题类别')),
      groupChats: this.readGroupChats(rows('群聊')),
      holidays: this.readHolidays(rows('节假日')),
    };
    return this.errors.count ? { ok: false, errors: this.sorted() } : { ok: true, roster };
  }

  /** Sheet order of the workbook, then row order, so a person can work down the list. */
  private sorted(): RosterError[] {
    const order = (e: RosterError) => SHEET_NAMES.indexOf(e.sheet);
    return [...this.errors.list].sort((a, b) => order(a) - order(b) || (a.row ?? 0) - (b.row ?? 0));
  }

  /** Missing sheets and missing required columns; a sheet without its required columns is not read further. */
  private checkSheets(): Set<SheetName> {
    const usable = new Set<SheetName>();
    for (const name of SHEET_NAMES) {
      const sheet = this.raw[name];
      const spec = SHEETS[name];
      if (!sheet) {
        if (!spec.optional) this.errors.sheet(name, `缺少工作表“${name}”`);
        continue;
      }
      const missing = spec.columns.filter((c) => c.required && !sheet.headers.includes(c.name));
      for (const column of missing) this.errors.sheet(name, '缺少必填列', column.name);
      if (missing.length === 0) usable.add(name);
    }
    return usable;
  }

  /** Required cells filled and lengths within the database's limits; false when the row cannot be used. */
  private basics(r: RawRow): boolean {
    let ok = true;
    for (const column of SHEETS[r.sheet].columns) {
      const value = r.cells[column.name] ?? '';
      if (column.required && value === '') {
        this.errors.cell(r.sheet, r.row, column.name, '必填，不能为空');
        ok = false;
      } else if (column.maxLength && [...value].length > column.maxLength) {
        this.errors.cell(r.sheet, r.row, column.name, `${q(value)} 超过${column.maxLength}个字`);
        ok = false;
      }
    }
    return ok;
  }

  /** Reports a second row with the same key; returns false for it. */
  private unique(seen: Map<string, number>, key: string, r: RawRow, column: string, shown: string): boolean {
    const first = seen.get(key);
    if (first !== undefined) {
      this.errors.cell(r.sheet, r.row, column, `${q(shown)} 与第${first}行重复`);
      return false;
    }
    seen.set(key, r.row);
    return true;
  }

  private enterpriseRef(r: RawRow, column: string, ref: string): string | null {
    const found: Resolved<string> = this.enterprises.resolve(ref);
    if (found.ok) return found.value;
    const rejected = this.rejected.enterprises;
    if (found.reason === 'missing' && (rejected.has(ref) || rejected.has(normalizeCreditCode(ref))))
      return null;
    this.errors.cell(
      r.sheet,
      r.row,
      column,
      found.reason === 'ambiguous'
        ? `${q(ref)} 对应多家企业，请改用统一社会信用代码`
        : `找不到企业${q(ref)}（企业表和系统中都没有）`,
    );
    return null;
  }

  private unitRef(r: RawRow, column: string, name: string, districtOnly = false): boolean {
    const kind = this.units.kind(name);
    if (!kind) {
      if (this.rejected.units.has(name)) return false;
      this.errors.cell(r.sheet, r.row, column, `找不到单位${q(name)}（单位表和系统中都没有）`);
      return false;
    }
    if (districtOnly && kind !== 'district' && kind !== 'zone') {
      this.errors.cell(r.sheet, r.row, column, `${q(name)} 不是区县或开发区`);
      return false;
    }
    return true;
  }

  private readUnits(rows: RawRow[]): RosterUnit[] {
    const out: RosterUnit[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      let ok = this.basics(r);
      const { 名称: name = '', 类型: kindLabel = '', 上级单位: parent = '' } = r.cells;
      const kind = lookup(UNIT_KIND_LABELS, kindLabel);
      if (kindLabel && !kind) {
        this.errors.cell(
          r.sheet,
          r.row,
          '类型',
          `${q(kindLabel)} 不是有效的类型，应为 ${labelList(UNIT_KIND_LABELS)}`,
        );
        ok = false;
      }
      if (name && !this.unique(seen, name, r, '名称', name)) ok = false;
      if (ok && kind) out.push({ row: r.row, name, kind, parentName: parent || null });
      else if (name) this.rejected.units.add(name);
    }
    return out;
  }

  private checkUnitParents(units: RosterUnit[]): void {
    for (const u of units) {
      if (u.parentName === null) continue;
      const at = { sheet: '单位' as const, row: u.row, cells: {} };
      if (!this.unitRef(at, '上级单位', u.parentName)) continue;
      const cycle = this.units.cycleFrom(u.name);
      if (cycle) this.errors.cell('单位', u.row, '上级单位', `上级关系形成循环：${cycle.join(' → ')}`);
    }
  }

  private readEnterprises(rows: RawRow[]): RosterEnterprise[] {
    const out: RosterEnterprise[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      let ok = this.basics(r);
      const c = r.cells;
      const code = normalizeCreditCode(c['统一社会信用代码'] ?? '');
      if (code && !isValidCreditCode(code)) {
        this.errors.cell(
          r.sheet,
          r.row,
          '统一社会信用代码',
          `${q(c['统一社会信用代码'])} 不是有效的统一社会信用代码`,
        );
        ok = false;
      } else if (code && !this.unique(seen, code, r, '统一社会信用代码', code)) ok = false;
      const district = c['所属区县'] ?? '';
      if (district && !this.unitRef(r, '所属区县', district, true)) ok = false;
      const kindLabel = c['类型'] ?? '';
      const kind = kindLabel ? lookup(ENTERPRISE_KIND_LABELS, kindLabel) : 'enterprise';
      if (!kind) {
        this.errors.cell(r.sheet, r.row, '类型', `${q(kindLabel)} 不是有效的类型，应为 企业 或 项目单位`);
        ok = false;
      }
      if (ok && kind) {
        out.push({
          row: r.row,
          name: c['企业名称'],
          shortName: c['简称'] || null,
          creditCode: code,
          districtName: district,
          industry: c['行业'] || null,
          kind,
        });
      } else {
        for (const key of [code, c['企业名称'], c['简称']]) if (key) this.rejected.enterprises.add(key);
      }
    }
    return out;
  }

  private readPeople(rows: RawRow[]): RosterPerson[] {
    const out: RosterPerson[] = [];
    const seen = new Map<string, number>();
    const accounts = new Map<string, number>();
    // A holder who is in this roster too may give the account up (checked for repeats below).
    const listed = new Set(rows.map((r) => parseMobile(r.cells['手机'] ?? '')).filter((m) => m !== null));
    for (const r of rows) {
      let ok = this.basics(r);
      const c = r.cells;
      const mobile = this.mobile(r, '手机');
      if (mobile === null || (mobile && !this.unique(seen, mobile, r, '手机', mobile))) ok = false;
      const unit = c['单位'] ?? '';
      if (unit && !this.unitRef(r, '单位', unit)) ok = false;
      const roles = this.roles(r);
      if (!roles) ok = false;
      for (const [column, platform] of [
        ['企业微信账号', 'wecom'],
        ['钉钉账号', 'dingtalk'],
      ] as const) {
        const account = c[column] ?? '';
        if (!account) continue;
        if (!this.unique(accounts, `${platform}:${account}`, r, column, account)) ok = false;
        const holder = this.existing.accounts.get(`${platform}:${account}`);
        if (holder && mobile && holder !== mobile && !listed.has(holder)) {
          this.errors.cell(r.sheet, r.row, column, `${q(account)} 已属于系统中手机号为 ${holder} 的人员`);
          ok = false;
        }
      }
      const enterpriseRef = c['所属企业'] ?? '';
      let enterpriseCode: string | null = null;
      if (enterpriseRef) {
        enterpriseCode = this.enterpriseRef(r, '所属企业', enterpriseRef);
        if (!enterpriseCode) ok = false;
      } else if (roles?.includes('contact')) {
        this.errors.cell(r.sheet, r.row, '所属企业', '角色含企业联系人时必须填写所属企业');
        ok = false;
      }
      if (ok && mobile && roles) {
        out.push({
          row: r.row,
          name: c['姓名'],
          mobile,
          unitName: unit,
          roles,
          wecomUserId: c['企业微信账号'] || null,
          dingtalkUserId: c['钉钉账号'] || null,
          enterpriseCode,
        });
      } else if (mobile) {
        this.rejected.people.add(mobile);
      }
    }
    return out;
  }

  /** The mobile in `column`: '' when empty (reported by basics), null when malformed (reported here). */
  private mobile(r: RawRow, column: string): string | null {
    const raw = r.cells[column] ?? '';
    if (!raw) return '';
    const mobile = parseMobile(raw);
    if (!mobile) this.errors.cell(r.sheet, r.row, column, `${q(raw)} 不是有效的11位手机号`);
    return mobile;
  }

  private roles(r: RawRow): Role[] | null {
    const raw = r.cells['角色'] ?? '';
    if (!raw) return null;
    const roles: Role[] = [];
    for (const label of splitList(raw)) {
      const role = lookup(ROLE_LABELS, label);
      if (!role) {
        this.errors.cell(
          r.sheet,
          r.row,
          '角色',
          `${q(label)} 不是有效的角色，应为 ${labelList(ROLE_LABELS)}`,
        );
        return null;
      }
      if (!roles.includes(role)) roles.push(role);
    }
    return roles;
  }

  private readPairings(rows: RawRow[]): RosterPairing[] {
    const out: RosterPairing[] = [];
    const seenPair = new Map<string, number>();
    const seenEnterprise = new Map<string, number>();
    for (const r of rows) {
      let ok = this.basics(r);
      const mobile = this.mobile(r, '干部手机');
      if (mobile === null) ok = false;
      else if (mobile) {
        const roles = this.people.rolesOf(mobile);
        if (!roles) {
          if (!this.rejected.people.has(mobile))
            this.errors.cell(r.sheet, r.row, '干部手机', `找不到手机号为${q(mobile)}的人员`);
          ok = false;
        } else if (!roles.includes('cadre')) {
          this.errors.cell(r.sheet, r.row, '干部手机', `手机号${q(mobile)}的人员不是干部`);
          ok = false;
        }
      }
      const ref = r.cells['企业'] ?? '';
      const code = ref ? this.enterpriseRef(r, '企业', ref) : null;
      if (ref && !code) ok = false;
      if (ok && mobile && code) {
        if (!this.unique(seenPair, `${mobile}|${code}`, r, '企业', ref)) continue;
        const other = seenEnterprise.get(code);
        if (other !== undefined) {
          this.errors.cell(r.sheet, r.row, '企业', `${q(ref)} 已在第${other}行包联给其他干部（一对一）`);
          continue;
        }
        seenEnterprise.set(code, r.row);
        out.push({ row: r.row, cadreMobile: mobile, enterpriseCode: code });
      }
    }
    return out;
  }

  private readCategories(rows: RawRow[]): RosterCategory[] {
    const out: RosterCategory[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      let ok = this.basics(r);
      const c = r.cells;
      const name = c['类别'] ?? '';
      if (name && !this.unique(seen, name, r, '类别', name)) ok = false;
      const lead = c['牵头单位'] ?? '';
      if (lead && !this.unitRef(r, '牵头单位', lead)) ok = false;
      const limitRaw = c['办理时限（工作日）'] ?? '';
      const limit = parsePositiveInt(limitRaw);
      if (limitRaw && limit === null) {
        this.errors.cell(r.sheet, r.row, '办理时限（工作日）', `${q(limitRaw)} 不是正整数`);
        ok = false;
      }
      if (ok && limit !== null) {
        out.push({
          row: r.row,
          name,
          kind: categoryKind(name),
          leadUnitName: lead,
          timeLimitDays: limit,
          keywords: splitList(c['关键词'] ?? ''),
        });
      }
    }
    return out;
  }

  private readGroupChats(rows: RawRow[]): RosterGroupChat[] {
    const out: RosterGroupChat[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      let ok = this.basics(r);
      const c = r.cells;
      const platformLabel = c['平台'] ?? '';
      const platform = lookup(PLATFORM_LABELS, platformLabel);
      if (platformLabel && !platform) {
        this.errors.cell(r.sheet, r.row, '平台', `${q(platformLabel)} 不是有效的平台，应为 企业微信 或 钉钉`);
        ok = false;
      }
      const chatId = c['群ID'] ?? '';
      if (platform && chatId && !this.unique(seen, `${platform}:${chatId}`, r, '群ID', chatId)) ok = false;
      const purposeLabel = c['用途'] ?? '';
      const purpose = lookup(PURPOSE_LABELS, purposeLabel);
      if (purposeLabel && !purpose) {
        this.errors.cell(
          r.sheet,
          r.row,
          '用途',
          `${q(purposeLabel)} 不是有效的用途，应为 ${labelList(PURPOSE_LABELS)}`,
        );
        ok = false;
      }
      const target = c['绑定对象'] ?? '';
      let enterpriseCode: string | null = null;
      let unitName: string | null = null;
      if (purpose && target) {
        if (purpose === 'enterprise') {
          enterpriseCode = this.enterpriseRef(r, '绑定对象', target);
          if (!enterpriseCode) ok = false;
        } else if (purpose === 'unit' || purpose === 'district') {
          if (this.unitRef(r, '绑定对象', target, purpose === 'district')) unitName = target;
          else ok = false;
        }
      }
      const url = c['群机器人地址'] ?? '';
      if (url && !isHttpUrl(url)) {
        this.errors.cell(r.sheet, r.row, '群机器人地址', `${q(url)} 不是有效的 http(s) 网址`);
        ok = false;
      }
      if (ok && platform && purpose) {
        out.push({
          row: r.row,
          platform,
          chatId,
          purpose,
          enterpriseCode,
          unitName,
          webhookUrl: url || null,
          webhookSecret: c['群机器人密钥'] || null,
        });
      }
    }
    return out;
  }

  private readHolidays(rows: RawRow[]): RosterHoliday[] {
    const out: RosterHoliday[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      let ok = this.basics(r);
      const rawDate = r.cells['日期'] ?? '';
      const date = parseDate(rawDate);
      if (rawDate && !date) {
        this.errors.cell(r.sheet, r.row, '日期', `${q(rawDate)} 不是有效的日期（YYYY-MM-DD）`);
        ok = false;
      } else if (date && !this.unique(seen, date, r, '日期', date)) ok = false;
      const kindLabel = r.cells['类型'] ?? '';
      const kind = lookup(HOLIDAY_KIND_LABELS, kindLabel);
      if (kindLabel && !kind) {
        this.errors.cell(r.sheet, r.row, '类型', `${q(kindLabel)} 不是有效的类型，应为 休 或 班`);
        ok = false;
      }
      if (ok && date && kind) out.push({ row: r.row, date, kind, name: r.cells['名称'] ?? '' });
    }
    return out;
  }
}
