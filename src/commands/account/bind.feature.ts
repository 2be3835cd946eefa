import { createHash, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Feature } from '../../bot/bot';
import type { BotContext } from '../../bot/context';
import { Person } from '../../entities';
import type { AccountPlatform, Role } from '../../entities/enums';
import { UserError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { SendTarget } from '../../platforms/adapter';
import type { Sender } from '../../outbox/sender';
import { BindingRepository } from '../../repositories/binding.repository';
import { can } from '../../services/permissions';
import { ROLE_LABELS } from '../../entities/labels';

/** A platform's member directory: the mobile it holds for an account, or null. */
export interface MobileDirectory {
  mobileOf(userId: string): Promise<string | null>;
}
export type Directory = Record<AccountPlatform, MobileDirectory | null>;

export interface BindDeps {
  ds: DataSource;
  redis: Redis;
  prefix: string;
  sender: Sender;
  directory: Directory;
  /** The platform registry's routes and names (src/platforms/registry.ts). */
  platforms: BindPlatforms;
  logger: Logger;
}

/** What 绑定 asks of the platforms: how to write to an account 1:1, and what each is called. */
export interface BindPlatforms {
  anyDirect(accounts: readonly { platform: string; accountId: string }[]): SendTarget | null;
  label(accounts: string): string;
}

/** Roles bound only with an admin's approval: they see and decide beyond one firm. */
const SENIOR_ROLES: readonly Role[] = ['leader', 'admin'];
const CODE_TTL_SECONDS = 600;
const MAX_CODE_TRIES = 5;

const mask = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
/** Directories may answer +86-138…, 86138… or 138…: compare the last 11 digits. */
const sameMobile = (a: string, b: string) =>
  a.replace(/\D/g, '').slice(-11) === b.replace(/\D/g, '').slice(-11);
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

interface PendingCode {
  personId: string;
  hash: string;
  tries: number;
  /** The message that asked for it: a redelivered job must not make (and lose) a second code. */
  source: string;
}

/**
 * 绑定 <手机号> [验证码] links the sender's account to a roster person only with proof: the
 * platform's own directory gives the same mobile for this account, or a one-time code sent through
 * an account already tied to the person comes back, or an admin approves (always for 领导 and
 * 管理员). 同意绑定 / 拒绝绑定 <申请号> and 解除绑定 <手机号> are the admin's. Every step is in
 * binding_audit.
 */
export function bindFeature(deps: BindDeps): Feature {
  const repo = new BindingRepository(deps.ds);
  const codeKey = (platform: AccountPlatform, userId: string) =>
    `${deps.prefix}:bindcode:${platform}:${createHash('sha256').update(userId).digest('hex').slice(0, 32)}`;

  const notify = async (key: string, platform: AccountPlatform, userId: string, text: string) => {
    const to = deps.platforms.anyDirect([{ platform, accountId: userId }]);
    if (to)
      await deps.sender.send(deps.ds, key, to.channel, to.target, { msgtype: 'text', text, ...to.extra });
  };

  const bound = async (ctx: BotContext, target: Person, method: 'directory' | 'code') => {
    const platform = ctx.accounts;
    await repo.bind(platform, ctx.msg.senderId, target.id);
    await repo.audit({
      platform,
      externalUserId: ctx.msg.senderId,
      personId: target.id,
      action: 'bound',
      method,
    });
    const roles = target.roles.map((r) => ROLE_LABELS[r]).join('、');
    await ctx.reply(`绑定成功：${target.name}（${roles}）。发送“帮助”查看可用命令。`);
  };

  const askAdmins = async (ctx: BotContext, target: Person, why: string) => {
    const platform = ctx.accounts;
    const no = await repo.request(platform, ctx.msg.senderId, target.id);
    await repo.audit({
      platform,
      externalUserId: ctx.msg.senderId,
      personId: target.id,
      action: 'requested',
      note: why,
    });
    const text =
      `绑定申请 ${no}：${deps.platforms.label(platform)}账号 ${ctx.msg.senderName ?? ctx.msg.senderId} 申请绑定为 ` +
      `${target.name}（${mask(target.mobile)}，${target.roles.map((r) => ROLE_LABELS[r]).join('、')}）。${why}\n` +
      `核实本人后回复“同意绑定 ${no}”或“拒绝绑定 ${no}”。`;
    for (const admin of await repo.adminAccounts()) {
      const to = deps.platforms.anyDirect(admin.accounts);
      if (!to) continue;
      await deps.sender.send(deps.ds, `bindreq-${no}-${admin.personId}`, to.channel, to.target, {
        msgtype: 'text',
        text,
        ...to.extra,
      });
    }
    await ctx.reply(`已提交亲商助企办审核（申请号 ${no}）。审核通过后会通知您，请耐心等待。`);
  };

  const tryCode = async (ctx: BotContext, target: Person, code: string): Promise<void> => {
    const platform = ctx.accounts;
    const key = codeKey(platform, ctx.msg.senderId);
    const raw = await deps.redis.get(key);
    const pending = raw ? (JSON.parse(raw) as PendingCode) : null;
    if (!pending || pending.personId !== target.id) {
      await ctx.reply('验证码已过期或不存在，请重新发送“绑定 手机号”获取新的验证码。');
      return;
    }
    if (pending.hash !== hashCode(code)) {
      const tries = pending.tries + 1;
      if (tries >= MAX_CODE_TRIES) await deps.redis.del(key);
      else await deps.redis.set(key, JSON.stringify({ ...pending, tries }), 'KEEPTTL');
      await ctx.reply(
        tries >= MAX_CODE_TRIES
          ? '验证码错误次数过多，请重新发送“绑定 手机号”。'
          : '验证码不正确，请核对后重试。',
      );
      return;
    }
    await deps.redis.del(key);
    await bound(ctx, target, 'code');
  };

  /** Sends a code through an account already tied to the person; false when there is none. */
  const sendCode = async (ctx: BotContext, target: Person): Promise<boolean> => {
    const platform = ctx.accounts;
    const other = (await repo.accountsOf(target.id)).find((a) => a.platform !== platform);
    if (!other) return false;
    const key = codeKey(platform, ctx.msg.senderId);
    const raw = await deps.redis.get(key);
    const existing = raw ? (JSON.parse(raw) as PendingCode) : null;
    if (existing?.source !== ctx.sourceKey) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const entry: PendingCode = {
        personId: target.id,
        hash: hashCode(code),
        tries: 0,
        source: ctx.sourceKey,
      };
      await deps.redis.set(key, JSON.stringify(entry), 'EX', CODE_TTL_SECONDS);
      await notify(
        `bindcode-${ctx.sourceKey}`,
        other.platform,
        other.externalUserId,
        `您的${deps.platforms.label(platform)}账号绑定验证码：${code}（10分钟内有效）。如非本人操作，请忽略并联系亲商助企办。`,
      );
      await repo.audit({
        platform,
        externalUserId: ctx.msg.senderId,
        personId: target.id,
        action: 'code_sent',
      });
    }
    await ctx.reply(
      `为确认是您本人，验证码已发到您的${deps.platforms.label(other.platform)}账号。` +
        `请在10分钟内回复：绑定 ${target.mobile} 验证码`,
    );
    return true;
  };

  const directoryConfirms = async (platform: AccountPlatform, userId: string, mobile: string) => {
    const directory = deps.directory[platform];
    if (!directory) return false;
    try {
      const listed = await directory.mobileOf(userId);
      return listed !== null && sameMobile(listed, mobile);
    } catch (err) {
      // No directory permission, user not found, platform down: fall through to the next proof.
      deps.logger.warn({ platform, err: (err as Error).message }, 'directory lookup for 绑定 failed');
      return false;
    }
  };

  const requireAdmin = (ctx: BotContext) => {
    if (!can(ctx, 'decide_binding')) throw new UserError('只有管理员可以审核或解除绑定。', 'forbidden');
  };

  return {
    commands: {
      bind: async ({ mobile, code }, ctx) => {
        const platform = ctx.accounts;
        const target = await deps.ds.getRepository(Person).findOne({ where: { mobile, active: true } });
        if (!target) {
          await ctx.reply(`花名册中没有手机号 ${mask(mobile)}，请核对后重试，或联系亲商助企办登记。`);
          return;
        }
        if (ctx.person) {
          await ctx.reply(
            ctx.person.id === target.id
              ? `您已绑定为 ${target.name}，无需重复绑定。发送“帮助”查看可用命令。`
              : `您的账号已绑定为 ${ctx.person.name}，不能再绑定其他人的手机号。`,
          );
          return;
        }
        const accounts = await repo.accountsOf(target.id);
        if (accounts.some((a) => a.platform === platform && a.externalUserId !== ctx.msg.senderId)) {
          await ctx.reply('该手机号已绑定其他账号，不能重复绑定。如账号有变更，请联系亲商助企办处理。');
          return;
        }
        if (target.roles.some((r) => SENIOR_ROLES.includes(r))) {
          await askAdmins(ctx, target, '该人员为领导或管理员，须经管理员审核。');
          return;
        }
        if (code !== null) {
          await tryCode(ctx, target, code);
          return;
        }
        if (await directoryConfirms(platform, ctx.msg.senderId, target.mobile)) {
          await bound(ctx, target, 'directory');
          return;
        }
        if (await sendCode(ctx, target)) return;
        await askAdmins(ctx, target, `${deps.platforms.label(platform)}通讯录未能确认该手机号。`);
      },

      decideBinding: async ({ requestNo, approve }, ctx) => {
        requireAdmin(ctx);
        const request = await repo.pending(requestNo);
        if (!request) {
          await ctx.reply(`没有待审核的绑定申请 ${requestNo}（可能已处理）。`);
          return;
        }
        const target = await deps.ds.getRepository(Person).findOneBy({ id: request.personId });
        const taken = (await repo.accountsOf(request.personId)).some(
          (a) => a.platform === request.platform && a.externalUserId !== request.externalUserId,
        );
        const ok = approve && target !== null && target.active && !taken;
        if (!(await repo.decide(requestNo, ok, ctx.person!.id))) {
          await ctx.reply(`绑定申请 ${requestNo} 已由其他管理员处理。`);
          return;
        }
        const base = {
          platform: request.platform,
          externalUserId: request.externalUserId,
          personId: request.personId,
        };
        if (ok) await repo.bind(request.platform, request.externalUserId, request.personId);
        await repo.audit({
          ...base,
          action: ok ? 'bound' : 'refused',
          method: ok ? 'admin' : null,
          actorId: ctx.person!.id,
          note: approve && !ok ? '该人员已有其他账号或已离开花名册' : null,
        });
        await notify(
          `bindres-${requestNo}`,
          request.platform,
          request.externalUserId,
          ok
            ? `您的绑定申请 ${requestNo} 已通过：${target.name}。发送“帮助”查看可用命令。`
            : `您的绑定申请 ${requestNo} 未通过。如有疑问请联系亲商助企办。`,
        );
        await ctx.reply(
          ok
            ? `已同意绑定申请 ${requestNo}：${target.name}。`
            : approve
              ? `不能同意绑定申请 ${requestNo}：该人员已有其他${deps.platforms.label(request.platform)}账号或已离开花名册，已拒绝。`
              : `已拒绝绑定申请 ${requestNo}。`,
        );
      },

      unbind: async ({ mobile }, ctx) => {
        requireAdmin(ctx);
        const target = await deps.ds.getRepository(Person).findOneBy({ mobile });
        if (!target) {
          await ctx.reply(`花名册中没有手机号 ${mask(mobile)}。`);
          return;
        }
        const removed = await repo.unbindAll(target.id);
        for (const r of removed) {
          await repo.audit({ ...r, personId: target.id, action: 'revoked', actorId: ctx.person!.id });
        }
        const roster = (await repo.accountsOf(target.id)).filter((a) => a.source === 'roster');
        await ctx.reply(
          (removed.length > 0
            ? `已解除 ${target.name} 的 ${removed.length} 个绑定账号。`
            : `${target.name} 没有通过“绑定”关联的账号。`) +
            (roster.length > 0 ? '花名册中登记的账号须在花名册中修改后重新导入。' : ''),
        );
      },
    },
  };
}
