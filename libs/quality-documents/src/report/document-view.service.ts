import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@mw/audit';
import type { Principal } from '@mw/auth';
import type { Queryable } from '@mw/database';
import type { DocumentKind } from '@mw/extraction';
import { KIND_PATHS, type LinkedDocumentListDto, type QualityDocumentDto } from '../documents/dto/quality-document.response';
import { Masker, PRIVACY_POLICY, privacyContextForRequest, PrivacyPolicy, type PrivacyContext } from '@mw/privacy';
import { QualityDocumentsService } from '../documents/quality-documents.service';
import { DocumentView, maskDocument, maskLinkedDocument } from './document-view';

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
    return this.present(req, await this.documents.get(req.principal, req.kind, req.id));
  }

  /**
   * Masks a document already read for the viewer and audits the read: inside the caller's
   * transaction `q` when it holds one (a write answering with the document it changed), else in one
   * of its own.
   */
  async present(req: ViewRequest, doc: QualityDocumentDto, q?: Queryable): Promise<DocumentView> {
    const viewer = privacyContextForRequest(this.policy, req.principal, req.purposeHeader);
    const view = maskDocument(doc, this.masker, viewer);
    if (view.masked.length > 0) {
      await this.auditRead(req, `${KIND_PATHS[req.kind]}/${req.id}`, viewer, { personalData: view.masked.map((m) => `${m.dataClass}:${m.op}`) }, q);
    }
    return view;
  }

  /**
   * An order's documents as this viewer may see them: personal-data field values masked as in GET of
   * a document, and one audit entry for the read when the list shows any.
   */
  async listForOrder(req: Omit<ViewRequest, 'id'> & { orderId: string }): Promise<LinkedDocumentListDto> {
    const viewer = privacyContextForRequest(this.policy, req.principal, req.purposeHeader);
    const { items } = await this.documents.listForOrder(req.principal, req.orderId, req.kind);
    const masked = items.map((d) => maskLinkedDocument(d, this.masker, viewer));
    const personalData = masked.flatMap((m) => m.personalData);
    if (personalData.length > 0) {
      const resource = `production-orders/${req.orderId}/${req.kind === 'claim' ? 'claims' : 'inspections'}`;
      await this.auditRead(req, resource, viewer, { documents: items.length, personalData: [...new Set(personalData)].sort() });
    }
    return { items: masked.map((m) => m.document) };
  }

  /** A read that showed personal data, with the viewer's role and purpose: in `q` when the caller holds a transaction. */
  private async auditRead(
    req: Pick<ViewRequest, 'principal' | 'requestId' | 'action'>,
    resource: string,
    viewer: PrivacyContext,
    shown: Record<string, unknown>,
    q?: Queryable,
  ): Promise<void> {
    const entry = {
      action: req.action,
      resource,
      outcome: 'success' as const,
      status: 200,
      clientId: req.principal.clientId,
      requestId: req.requestId,
      changes: { role: viewer.role, purpose: viewer.purpose, ...shown },
    };
    await (q ? this.audit.append(q, entry) : this.audit.recordRead(entry));
  }
}
