export { QualityDocumentsModule } from './quality-documents.module';
export { QualityDocumentsService } from './documents/quality-documents.service';
export { DOCUMENT_EVENTS, PERSONAL_DATA_FIELDS } from './documents/quality-document.events';
export type { DocumentEventData, EventField } from './documents/quality-document.events';
export { CreateDocumentDto } from './documents/dto/create-document.dto';
export { ExtractedFieldDto, ExtractionResponseDto } from './documents/dto/extracted-field.dto';
export { LinkedDocumentDto, LinkedDocumentListDto, OrderLinkDto, QualityDocumentDto } from './documents/dto/quality-document.response';
export { checkInflatedSize, pdfText } from './documents/pdf-text';
export { checkText, isPdf, textOfUpload } from './documents/document-text';
