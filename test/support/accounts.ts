import type { DataSource, EntityManager } from 'typeorm';

/**
 * Sets (or, with null, removes) a person's account on one platform, as the roster's 企业微信账号 /
 * 钉钉账号 columns would. `who` is the person's id or mobile.
 */
export async function setAccount(
  db: DataSource | EntityManager,
  who: { id: string } | { mobile: string },
  platform: string,
  account: string | null,
): Promise<void> {
  const [column, value] = 'id' in who ? ['id', who.id] : ['mobile', who.mobile];
  await db.query(
    `DELETE FROM person_account a USING person p
     WHERE a.person_id = p.id AND a.platform = $1 AND p.${column}::text = $2`,
    [platform, value],
  );
  if (account === null) return;
  await db.query(
    `INSERT INTO person_account (person_id, platform, account_id)
     SELECT p.id, $1, $3 FROM person p WHERE p.${column}::text = $2`,
    [platform, value, account],
  );
}
