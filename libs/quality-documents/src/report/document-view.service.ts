import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@mw/audit';
import type { Principal } from '@mw/auth';
import type { DocumentKind } from '@mw/extraction';
import { Masker, PRIVACY_POLICY, privacyContextForRequest, PrivacyPolicy } from '@mw/privacy';
import { QualityDocumentsService } from '../documents/quality-documents.service';
import { DocumentView, maskDocument } from './document-view';

export interface ViewRequest {
  principal: Principal;
  kind: DocumentKind;
  id: string;
  purposeHeader?: string;
  requestId?: string;
  action: string;
}

/**
 * Every way a stored document leaves over HTTP goes through here: masked for the viewer's role and
 * purpose, and the read of personal data written to the audit log.
 */
@Injectable()
export class DocumentViewService {
  constructor(
    private readonly documents: QualityDocumentsService,
    private readonly masker: Masker,
    private readonly audit: AuditTrail,
    @Inject(PRIVACY_POLICY) private readonly policy: PrivacyPolicy,
  ) {}

  async view(req: ViewRequest): Promise<DocumentView> {
    const viewer = privacyContextForRequest(this.policy, req.principal, req.purposeHeader);
    const doc = await this.documents.get(req.principal, req.kind, req.id);
    const view = maskDocument(doc, this.masker, viewer);
    if (view.masked.length > 0) {
      await this.audit.recordRead({
        action: req.action,
        resource: `${req.kind === 'claim' ? 'claims' : 'inspection-reports'}/${req.id}`,
        outcome: 'success',
        status: 200,
        clientId: req.principal.clientId,
        requestId: req.requestId,
        changes: { role: viewer.role, purpose: viewer.purpose, personalData: view.masked.map((m) => `${m.dataClass}:${m.op}`) },
      });
    }
    return view;
  }
}
