import type { DataSource } from 'typeorm';
import { addDays, type IsoDate, monthWindow, startOfDate } from '../../lib/time';
import { VisitRecordRepository } from '../../repositories/visit-record.repository';
import type { PairStatus } from './visit.types';

/** 我的企业: a cadre's own pairs and where each stands this month under the contact rule. */
export class MyEnterprisesService {
  constructor(private readonly ds: DataSource) {}

  /** A cadre's open pairs with this month's distinct contact days and open problems, least contacted first. */
  async list(cadreId: string, today: IsoDate): Promise<PairStatus[]> {
    const { first, last } = monthWindow(today.slice(0, 7));
    const rows = await new VisitRecordRepository(this.ds).pairsOfCadre(cadreId, {
      first,
      last,
      from: startOfDate(first),
      until: startOfDate(addDays(last, 1)),
    });
    return rows.map((r) => ({
      enterpriseId: r.id,
      name: r.name,
      shortName: r.shortName,
      contacts: r.contacts,
      target: r.target,
      lastVisitOn: r.lastOn,
      openProblems: r.openProblems,
    }));
  }
}
