export { parseCommand } from './parse-command';
export { resolvePastDate, type ResolvedDate } from './past-date';
export { commandsForRoles, commandNamesForRoles, fallbackFor, usageFor } from './help';
export { matchEnterprises, type EnterpriseCandidate, type EnterpriseMatch } from './enterprise-matcher';
export { normalizeProblemCode } from './problem-code';
export type * from './types';
