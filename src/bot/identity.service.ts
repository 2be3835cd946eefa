import type { DataSource } from 'typeorm';
import { Person } from '../entities';
import type { AccountNamespaceOf } from '../platforms/adapter';

/** Finds who sent a message: the roster's platform account first, else a 绑定 binding. */
export class IdentityService {
  constructor(
    private readonly ds: DataSource,
    /** The registry's account namespace of a platform (the composition passes `accountsOf`). */
    readonly accountOf: AccountNamespaceOf,
  ) {}

  /** The active roster person behind a platform account, or null. */
  async identify(platform: string, externalUserId: string): Promise<Person | null> {
    const account = this.accountOf(platform);
    const repo = this.ds.getRepository(Person);
    const direct = await repo
      .createQueryBuilder('p')
      .innerJoin('person_account', 'a', 'a.person_id = p.id')
      .where('a.platform = :platform AND a.account_id = :id', { platform: account, id: externalUserId })
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
