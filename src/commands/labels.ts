// Moved to entities/labels.ts (services and http read them too); kept only for problem-workflow.messages.ts,
// which the services rewrite repoints. Import from '../entities/labels' instead.
export * from '../entities/labels';
