import type { VisitMethod } from '../../entities/enums';
import type { IsoDate, IsoMonth } from '../../lib/time';

/** What a cadre registers; `sourceKey` is the inbound message, so a redelivery registers nothing twice. */
export interface RegisterVisitInput {
  cadreId: string;
  enterpriseId: string;
  visitedOn: IsoDate;
  method: VisitMethod;
  summary: string;
  sourceKey: string | null;
}

/** A stored visit, as the bot echoes it (the row its repository reads). */
export type { VisitRecord } from '../../repositories/visit-record.repository';
import type { VisitRecord } from '../../repositories/visit-record.repository';

/** The visit plus what the reply needs about the pair's month. */
export interface RegisterVisitResult {
  visit: VisitRecord;
  /** True when the source key had been seen: the first registration is returned, nothing changed. */
  replayed: boolean;
  /** The cadre is the firm's current paired cadre. */
  paired: boolean;
  /**
   * On the visit date another cadre held the firm (the pair changed hands since): accepted and
   * noted in the reply. A date before a firm's first pairing (the roster's start) is not noted.
   */
  heldByOtherThen: boolean;
  /** Distinct contact days of this cadre with this firm in the visit's Beijing month. */
  monthContacts: number;
  /** The firm's monthly contact target (the contact rule: 2, or a key firm's own). */
  monthTarget: number;
  /** Another visit of the pair was already registered on the same day (it does not add a contact day). */
  sameDayBefore: boolean;
}

/** One of a cadre's pairs with this month's contact days and open problems. */
export interface PairStatus {
  enterpriseId: string;
  name: string;
  shortName: string | null;
  /** Distinct contact days this month (the contact rule counts days, not rows). */
  contacts: number;
  /** The firm's monthly contact target (the contact rule: 2, or a key firm's own). */
  target: number;
  lastVisitOn: IsoDate | null;
  openProblems: number;
}

export interface ConfirmVisitResult {
  visit: VisitRecord;
  /** The visit had been confirmed before: nothing changed. */
  already: boolean;
}

export interface RateCadreResult {
  cadre: { id: string; name: string };
  period: IsoMonth;
  score: number;
  /** A rating for this month existed and was replaced. */
  updated: boolean;
}

export interface BindGroupResult {
  groupId: string;
  enterprise: { id: string; name: string };
  /** The chat was already bound to this firm. */
  unchanged: boolean;
  /** The group has a push robot (webhook) registered, so the bot can post to it. */
  hasRobot: boolean;
}
