import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '@mw/http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID cannot name a document or order: 404 as for any unknown one. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError(ErrorCode.NotFound, `Nothing with id ${value.slice(0, 64)} is visible to this client.`);
    return value.toLowerCase();
  }
}
