/** The ledger's view of the one permission rule (`./permissions`), kept at this path for its many importers. */
export { actionVerb, type Actor, type LedgerAction, permits, refusal, type ScopeFacts } from './permissions';
