import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Feature } from '../bot/bot';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Sender } from '../outbox/sender';
import type { Notifier } from '../services/notifier';
import type { ProblemLedgerService } from '../services/problem-ledger.service';
import type { ProblemWorkflowService } from '../services/problem-workflow.service';
import type { BindPlatforms, Directory } from './account/bind.feature';

/** The services every feature may be built from; app's Container fits it as it is. */
export interface ServiceKit {
  ds: DataSource;
  redis: Redis;
  clock: Clock;
  logger: Logger;
  config: { queuePrefix: string; qualityCheckRate: number };
  ledger: ProblemLedgerService;
}

/** What the composition root hands every feature's installer: services, sending, the directory, the workflow. */
export interface FeatureKit extends ServiceKit {
  notifier: Notifier;
  sender: Sender;
  directory: Directory;
  /** The platform registry, as 绑定 needs it (1:1 routes and names). */
  platforms: BindPlatforms;
  workflow: ProblemWorkflowService;
}

/** A feature folder's entry point: the chat features it adds, built from the kit. */
export type FeatureInstaller = (kit: FeatureKit) => Feature[];
