import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, getSchemaPath } from '@nestjs/swagger';
import { CreateDocumentDto, UploadDocumentDto } from './dto/create-document.dto';

/** OpenAPI for a document POST: JSON or a multipart upload, Idempotency-Key required. */
export function DocumentUploadApi(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(CreateDocumentDto, UploadDocumentDto),
    ApiConsumes('application/json', 'multipart/form-data'),
    ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(CreateDocumentDto) }, { $ref: getSchemaPath(UploadDocumentDto) }] } }),
    ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per logical request; reuse it when retrying.' }),
  );
}
