export * from './contact-rule';
