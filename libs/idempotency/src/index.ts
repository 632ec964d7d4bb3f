export { IdempotencyModule } from './idempotency.module';
export { IdempotencyInterceptor, IdempotencyOptional, IdempotencyRedact, onIdempotentReplay, registerCommitParticipant } from './idempotency.interceptor';
export type { CommitParticipant } from './idempotency.interceptor';
export { IdempotencyRepository } from './idempotency.repository';
export { canonicalJson, fingerprint, parseIdempotencyKey } from './idempotency-key';
