import type { EntityManager } from 'typeorm';
import type { ExtensionRequest, Problem, ProblemEvent } from '../entities';
import type { ProblemEventAction, ProblemKind, ProblemStatus, Tier } from '../entities/enums';

/** What every ledger step returns, so the caller can notify people. */
export interface LedgerResult {
  problem: Problem;
  /** The events this call wrote (on a replay: the event written the first time). */
  events: ProblemEvent[];
  /** True when the idempotency key (or report source key) had been seen: nothing changed. */
  replayed: boolean;
  /** For extension steps: the request written or decided. */
  extension?: ExtensionRequest;
}

export interface StepOptions {
  /** The inbound message id (or job period): a repeat with the same key is a no-op. */
  idempotencyKey?: string;
  /** A note for the history (a reason, a comment). */
  note?: string;
  /**
   * Runs inside the step's transaction after its events are written (not on a replay), e.g. to
   * write outbox rows that commit or roll back with the step. Throwing rolls the step back.
   */
  inTransaction?: (em: EntityManager, result: LedgerResult) => Promise<void>;
  /**
   * Run the step inside this (open) transaction instead of opening one: the caller then writes what
   * follows from the step (its notices) in the same transaction, visibly, after the step returns.
   */
  em?: EntityManager;
  /**
   * Who the history names for a step taken without an actor, by an instrument that checked its own
   * permission (the presiding leader of an on-site session).
   */
  recordedById?: string;
}

export interface ReportInput {
  enterpriseId: string;
  /** Defaults to the actor. */
  reporterId?: string;
  description: string;
  /** Defaults to the category's kind, else 'problem'. */
  kind?: ProblemKind;
  categoryId?: string | null;
  visitId?: string | null;
  /** The inbound message id: reporting the same message twice returns the first problem. */
  sourceKey?: string | null;
}

export interface ProblemFilters {
  status?: ProblemStatus | ProblemStatus[];
  kind?: ProblemKind;
  categoryId?: string;
  /** Lead unit. */
  unitId?: string;
  enterpriseId?: string;
  tier?: Tier;
  limit?: number;
  offset?: number;
}

/** One event a step is about to write. */
export interface EventSpec {
  action: ProblemEventAction;
  from: ProblemStatus | null;
  to: ProblemStatus | null;
  note: string;
}

/** An event spec. */
export function event(
  action: ProblemEventAction,
  from: ProblemStatus | null,
  to: ProblemStatus | null,
  note: string,
): EventSpec {
  return { action, from, to, note };
}
