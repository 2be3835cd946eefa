import type { DataSource, EntityManager } from 'typeorm';
import type { Policy } from '../entities';

/** Counts of one policy's reach: 推送对象 / 已送达 / 送达失败 / 已阅 / 咨询 / 已答复. */
/** The delivery a firm's 已阅 or 咨询 refers to. */
interface DeliveryRef {
  id: string;
  policyId: string;
  number: number;
  title: string;
  contactUnitId: string;
  acknowledgedAt: Date | null;
}

export interface PolicyReach {
  targeted: number;
  queued: number;
  delivered: number;
  failed: number;
  acknowledged: number;
  questions: number;
  answered: number;
}

/** A firm's deliveries waiting for the day's push, with what the message shows of each policy. */
export interface QueuedFirm {
  enterpriseId: string;
  firm: string;
  cadreId: string | null;
  policies: {
    deliveryId: string;
    number: number;
    title: string;
    issuer: string;
    summary: string;
    link: string | null;
  }[];
}

/** The typed queries of 送政策: targeting, the push queue, receipts and reach. */
export class PolicyRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The active firms a policy targets: every one when `targetAll`, else those meeting every
   * criterion given (a district criterion includes the units under that district).
   */
  async targetIds(em: EntityManager, p: Policy): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `WITH RECURSIVE areas(id) AS (
         SELECT id FROM org_unit WHERE id = ANY($2::uuid[])
         UNION SELECT o.id FROM org_unit o JOIN areas a ON o.parent_id = a.id
       )
       SELECT e.id FROM enterprise e
       WHERE e.active AND ($1 OR (
         (cardinality($2::uuid[]) = 0 OR e.district_id IN (SELECT id FROM areas))
         AND (cardinality($3::varchar[]) = 0 OR e.industry = ANY($3::varchar[]))
         AND ($4::varchar IS NULL OR e.kind = $4)
         AND (cardinality($5::varchar[]) = 0 OR e.credit_code = ANY($5::varchar[]))
       ))
       ORDER BY e.name, e.id`,
      [p.targetAll, p.targetDistrictIds, p.targetIndustries, p.targetKind, p.targetCreditCodes],
    );
    return rows.map((r) => r.id);
  }

  /** One queued delivery per targeted firm (a second call adds nothing). */
  async queueDeliveries(
    em: EntityManager,
    policyId: string,
    enterpriseIds: string[],
    at: Date,
  ): Promise<void> {
    if (enterpriseIds.length === 0) return;
    await em.query(
      `INSERT INTO policy_delivery (policy_id, enterprise_id, status, created_at)
       SELECT $1, unnest($2::uuid[]), 'queued', $3
       ON CONFLICT (policy_id, enterprise_id) DO NOTHING`,
      [policyId, enterpriseIds, at],
    );
  }

  /** Districts and zones by name (雁塔区 or 雁塔), and the industries firms have, for reading a scope. */
  async areasNamed(words: string[]): Promise<{ id: string; name: string; word: string }[]> {
    return this.ds.query(
      `SELECT DISTINCT ON (w) u.id, u.name, w AS word FROM unnest($1::text[]) w
       JOIN org_unit u ON u.kind IN ('district', 'zone')
         AND (u.name = w OR regexp_replace(u.name, '(区|县|开发区|新区)$', '') = w)
       ORDER BY w, u.name`,
      [words],
    );
  }

  async knownIndustries(words: string[]): Promise<string[]> {
    const rows: { industry: string }[] = await this.ds.query(
      `SELECT DISTINCT industry FROM enterprise WHERE industry = ANY($1::text[])`,
      [words],
    );
    return rows.map((r) => r.industry);
  }

  /** Firms with queued deliveries, locked for this push, each with its policies and current cadre. */
  async lockQueued(em: EntityManager): Promise<QueuedFirm[]> {
    const rows: {
      delivery_id: string;
      enterprise_id: string;
      firm: string;
      cadre_id: string | null;
      number: number;
      title: string;
      issuer: string;
      summary: string;
      link: string | null;
    }[] = await em.query(
      `SELECT d.id AS delivery_id, d.enterprise_id, e.name AS firm,
              (SELECT pa.cadre_id FROM pairing pa WHERE pa.enterprise_id = e.id AND pa.ended_at IS NULL
               ORDER BY pa.started_at DESC LIMIT 1) AS cadre_id,
              p.number, p.title, p.issuer, p.summary, coalesce(p.link, p.file_ref) AS link
       FROM policy_delivery d JOIN policy p ON p.id = d.policy_id JOIN enterprise e ON e.id = d.enterprise_id
       WHERE d.status = 'queued'
       ORDER BY e.name, d.enterprise_id, p.number
       FOR UPDATE OF d SKIP LOCKED`,
    );
    const firms = new Map<string, QueuedFirm>();
    for (const r of rows) {
      const firm = firms.get(r.enterprise_id) ?? {
        enterpriseId: r.enterprise_id,
        firm: r.firm,
        cadreId: r.cadre_id,
        policies: [],
      };
      firm.policies.push({
        deliveryId: r.delivery_id,
        number: r.number,
        title: r.title,
        issuer: r.issuer,
        summary: r.summary,
        link: r.link,
      });
      firms.set(r.enterprise_id, firm);
    }
    return [...firms.values()];
  }

  async markPushed(
    em: EntityManager,
    deliveryIds: string[],
    outcome: { status: 'sent' | 'no_channel'; via: 'group' | 'cadre' | null; outboxKey: string | null },
    at: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE policy_delivery SET status = $2, via = $3, outbox_key = $4, pushed_at = $5 WHERE id = ANY($1::uuid[])`,
      [deliveryIds, outcome.status, outcome.via, outcome.outboxKey, at],
    );
  }

  /**
   * The delivery a firm's 已阅 or 咨询 is about: the policy numbered `number`, else the firm's latest
   * pushed one. Null when the firm got no such policy.
   */
  async deliveryFor(enterpriseId: string, number: number | null): Promise<DeliveryRef | null> {
    const [row] = await this.ds.query<DeliveryRef[]>(
      `SELECT d.id, d.policy_id AS "policyId", p.number, p.title, p.contact_unit_id AS "contactUnitId",
              d.acknowledged_at AS "acknowledgedAt"
       FROM policy_delivery d JOIN policy p ON p.id = d.policy_id
       WHERE d.enterprise_id = $1 AND d.status <> 'queued' AND ($2::int IS NULL OR p.number = $2)
       ORDER BY d.pushed_at DESC, p.number DESC LIMIT 1`,
      [enterpriseId, number],
    );
    return row ?? null;
  }

  /** Records the receipt once; true when this call recorded it. */
  async acknowledge(deliveryId: string, personId: string, at: Date): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.ds.query(
      `WITH u AS (UPDATE policy_delivery SET acknowledged_at = $3, acknowledged_by_id = $2
                  WHERE id = $1 AND acknowledged_at IS NULL RETURNING id)
       SELECT count(*)::int AS n FROM u`,
      [deliveryId, personId, at],
    );
    return n > 0;
  }

  async linkQuestion(em: EntityManager, policyId: string, problemId: string): Promise<void> {
    await em.query(
      `INSERT INTO policy_question (problem_id, policy_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [problemId, policyId],
    );
  }

  /** The reach of one policy; delivered/failed read the outbox rows the push wrote. */
  async reach(policyId: string): Promise<PolicyReach> {
    const [r] = await this.ds.query<PolicyReach[]>(
      `SELECT count(*)::int AS targeted,
              count(*) FILTER (WHERE d.status = 'queued')::int AS queued,
              count(*) FILTER (WHERE d.status = 'sent' AND EXISTS (
                SELECT 1 FROM outbound_message o WHERE o.idempotency_key LIKE d.outbox_key || '%' AND o.status = 'sent'))::int AS delivered,
              count(*) FILTER (WHERE d.status = 'no_channel' OR (d.status = 'sent' AND NOT EXISTS (
                SELECT 1 FROM outbound_message o WHERE o.idempotency_key LIKE d.outbox_key || '%' AND o.status <> 'failed')))::int AS failed,
              count(d.acknowledged_at)::int AS acknowledged,
              (SELECT count(*)::int FROM policy_question q WHERE q.policy_id = $1) AS questions,
              (SELECT count(*)::int FROM policy_question q JOIN problem pr ON pr.id = q.problem_id
               WHERE q.policy_id = $1 AND pr.status IN ('answered', 'closed')) AS answered
       FROM policy_delivery d WHERE d.policy_id = $1`,
      [policyId],
    );
    return r;
  }

  /** The cadre's firms that got a policy and have not said 已阅: firm name → policy numbers. */
  async unacknowledgedFor(cadreId: string): Promise<{ firm: string; numbers: number[] }[]> {
    return this.ds.query(
      `SELECT e.name AS firm, array_agg(p.number ORDER BY p.number) AS numbers
       FROM pairing pa JOIN enterprise e ON e.id = pa.enterprise_id
       JOIN policy_delivery d ON d.enterprise_id = e.id AND d.status <> 'queued' AND d.acknowledged_at IS NULL
       JOIN policy p ON p.id = d.policy_id
       WHERE pa.cadre_id = $1 AND pa.ended_at IS NULL
       GROUP BY e.name ORDER BY e.name`,
      [cadreId],
    );
  }

  /** Policies created in [from, to] (Beijing dates), or the one numbered `number`, newest first, for the API. */
  async list(f: { from?: string; to?: string; number?: number; limit: number; offset: number }): Promise<{
    items: PolicyListRow[];
    total: number;
  }> {
    const where = `($1::date IS NULL OR p.created_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
       AND ($2::date IS NULL OR p.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
       AND ($3::int IS NULL OR p.number = $3)`;
    const params = [f.from ?? null, f.to ?? null, f.number ?? null];
    const [{ total }] = await this.ds.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM policy p WHERE ${where}`,
      params,
    );
    const items = await this.ds.query<PolicyListRow[]>(
      `SELECT p.id, p.number, p.title, p.issuer, p.summary, p.link, p.file_ref AS "fileRef",
              json_build_object(
                'all', p.target_all,
                'districts', coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                                       FROM org_unit u WHERE u.id = ANY(p.target_district_ids)), '[]'::json),
                'industries', to_json(p.target_industries),
                'kind', p.target_kind,
                'creditCodes', to_json(p.target_credit_codes)) AS targeting,
              json_build_object('id', c.id, 'name', c.name) AS "contactUnit",
              p.created_at AS "createdAt"
       FROM policy p JOIN org_unit c ON c.id = p.contact_unit_id
       WHERE ${where} ORDER BY p.number DESC LIMIT $4 OFFSET $5`,
      [...params, f.limit, f.offset],
    );
    return { items, total };
  }

  /** Each targeted firm of a policy and how it went, for the API. */
  async deliveries(policyId: string): Promise<PolicyDeliveryRow[]> {
    return this.ds.query(
      `SELECT json_build_object('id', e.id, 'name', e.name, 'creditCode', e.credit_code) AS enterprise,
              CASE WHEN d.status = 'queued' THEN 'queued'
                   WHEN d.status = 'no_channel' THEN 'failed'
                   WHEN EXISTS (SELECT 1 FROM outbound_message o WHERE o.idempotency_key LIKE d.outbox_key || '%' AND o.status = 'sent') THEN 'delivered'
                   WHEN EXISTS (SELECT 1 FROM outbound_message o WHERE o.idempotency_key LIKE d.outbox_key || '%' AND o.status = 'pending') THEN 'sending'
                   ELSE 'failed' END AS status,
              d.via, d.pushed_at AS "pushedAt", d.acknowledged_at AS "acknowledgedAt"
       FROM policy_delivery d JOIN enterprise e ON e.id = d.enterprise_id
       WHERE d.policy_id = $1 ORDER BY e.name`,
      [policyId],
    );
  }
}

/** A policy as the API lists it (before its reach is added). */
export interface PolicyListRow {
  id: string;
  number: number;
  title: string;
  issuer: string;
  summary: string;
  link: string | null;
  fileRef: string | null;
  targeting: {
    all: boolean;
    districts: { id: string; name: string }[];
    industries: string[];
    kind: string | null;
    creditCodes: string[];
  };
  contactUnit: { id: string; name: string };
  createdAt: Date;
}

/** One targeted firm: queued, sending, delivered or failed; via group or cadre; acknowledged when. */
export interface PolicyDeliveryRow {
  enterprise: { id: string; name: string; creditCode: string };
  status: 'queued' | 'sending' | 'delivered' | 'failed';
  via: 'group' | 'cadre' | null;
  pushedAt: Date | null;
  acknowledgedAt: Date | null;
}
