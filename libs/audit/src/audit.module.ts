import { Global, Module } from '@nestjs/common';
import { AuditAnchorLogger } from './audit-anchor.logger';
import { AuditSealer } from './audit-sealer';
import { AUDIT_SETTINGS, auditSettings } from './audit-settings';
import { AuditTrail } from './audit-trail';
import { AuditWritesInterceptor } from './audit-writes.interceptor';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Global so any feature service can inject AuditTrail without importing this module. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [{ provide: AUDIT_SETTINGS, useFactory: () => auditSettings(process.env) }, AuditTrail, AuditService, AuditWritesInterceptor, AuditAnchorLogger, AuditSealer],
  exports: [AuditTrail, AuditWritesInterceptor, AuditSealer, AUDIT_SETTINGS],
})
export class AuditModule {}
