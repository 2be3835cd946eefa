import { AccountBinding } from './account-binding.entity';
import { BindingAudit } from './binding-audit.entity';
import { BindingRequest } from './binding-request.entity';
import { Category } from './category.entity';
import { Enterprise } from './enterprise.entity';
import { ExtensionRequest } from './extension-request.entity';
import { GroupChat } from './group-chat.entity';
import { Holiday } from './holiday.entity';
import { OnsiteSessionItem } from './onsite-session-item.entity';
import { OnsiteSession } from './onsite-session.entity';
import { InboundMessageRow } from './inbound-message.entity';
import { JobRun } from './job-run.entity';
import { OrgUnit } from './org-unit.entity';
import { OutboundMessage } from './outbound-message.entity';
import { Pairing } from './pairing.entity';
import { PersonAccount } from './person-account.entity';
import { Person } from './person.entity';
import { PolicyDelivery } from './policy-delivery.entity';
import { PolicyQuestion } from './policy-question.entity';
import { Policy } from './policy.entity';
import { ProblemCoUnit } from './problem-co-unit.entity';
import { ProblemEvent } from './problem-event.entity';
import { Problem } from './problem.entity';
import { QualityCheck } from './quality-check.entity';
import { Rating } from './rating.entity';
import { Visit } from './visit.entity';

export {
  AccountBinding,
  BindingAudit,
  BindingRequest,
  Category,
  Enterprise,
  ExtensionRequest,
  GroupChat,
  Holiday,
  InboundMessageRow,
  JobRun,
  OnsiteSession,
  OnsiteSessionItem,
  OrgUnit,
  OutboundMessage,
  Pairing,
  Person,
  PersonAccount,
  Policy,
  PolicyDelivery,
  PolicyQuestion,
  Problem,
  ProblemCoUnit,
  ProblemEvent,
  QualityCheck,
  Rating,
  Visit,
};

/** Every entity, for the one DataSource. */
export const ENTITIES = [
  OrgUnit,
  Person,
  PersonAccount,
  AccountBinding,
  BindingAudit,
  BindingRequest,
  Enterprise,
  Pairing,
  Visit,
  Category,
  Problem,
  ProblemCoUnit,
  ProblemEvent,
  ExtensionRequest,
  Rating,
  QualityCheck,
  GroupChat,
  InboundMessageRow,
  OutboundMessage,
  Holiday,
  JobRun,
  Policy,
  PolicyDelivery,
  PolicyQuestion,
  OnsiteSession,
  OnsiteSessionItem,
];
