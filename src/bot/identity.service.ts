import type { DataSource } from 'typeorm';
import type { AccountPlatform, Platform } from '../entities/enums';
import { Person } from '../entities';

/** The WeCom app and the 智能机器人 live in the same corp, so they share user ids. */
export function accountPlatformOf(platform: Platform): AccountPlatform {
  return platform === 'dingtalk' ? 'dingtalk' : 'wecom';
}

/** Finds who sent a message: the roster's platform account first, else a 绑定 binding. */
export class IdentityService {
  constructor(private readonly ds: DataSource) {}

  /** The active roster person behind a platform account, or null. */
  async identify(platform: Platform, externalUserId: string): Promise<Person | null> {
    const account = accountPlatformOf(platform);
    const column = account === 'wecom' ? 'wecom_user_id' : 'dingtalk_user_id';
    const repo = this.ds.getRepository(Person);
    const direct = await repo
      .createQueryBuilder('p')
      .where(`p.${column} = :id`, { id: externalUserId })
      .andWhere('p.active')
      .getOne();
    if (direct) return direct;
    return repo
      .createQueryBuilder('p')
      .innerJoin('account_binding', 'b', 'b.person_id = p.id')
      .where('b.platform = :platform AND b.external_user_id = :id', { platform: account, id: externalUserId })
      .andWhere('p.active')
      .getOne();
  }
}
