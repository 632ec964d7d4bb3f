import { Global, Module, OnModuleInit } from '@nestjs/common';
import { registerCommitParticipant } from '@mw/idempotency';
import { AuditAnchorLogger } from './audit-anchor.logger';
import { AuditSealer } from './audit-sealer';
import { AUDIT_SETTINGS, auditSettings } from './audit-settings';
import { AuditTrail } from './audit-trail';
import { auditInCommit, AuditWritesInterceptor } from './audit-writes.interceptor';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Global so any feature service can inject AuditTrail without importing this module. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [{ provide: AUDIT_SETTINGS, useFactory: () => auditSettings(process.env) }, AuditTrail, AuditService, AuditWritesInterceptor, AuditAnchorLogger, AuditSealer],
  exports: [AuditTrail, AuditWritesInterceptor, AuditSealer, AUDIT_SETTINGS],
})
export class AuditModule implements OnModuleInit {
  constructor(private readonly trail: AuditTrail) {}

  /** Writes under an Idempotency-Key are audited inside the transaction that commits them. */
  onModuleInit(): void {
    registerCommitParticipant((q, req, response) => auditInCommit(this.trail, q, req, response.status, response.headers.location));
  }
}
