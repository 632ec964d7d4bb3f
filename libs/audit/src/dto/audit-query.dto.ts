import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, registerDecorator, ValidationOptions } from 'class-validator';
import { PageLimit } from '@mw/http';
import { AUDIT_OUTCOMES, AuditOutcome } from '../audit-entry';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an RFC 3339 date-time with a time zone, e.g. 2026-12-01T06:00:00Z', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && RFC3339.test(v) && !Number.isNaN(Date.parse(v)) },
    });
}

export class AuditQueryDto {
  /** Only entries made by this client. */
  @ApiPropertyOptional({ description: 'Only entries made by this client id.', example: 'mes-line-3' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  client?: string;

  @ApiPropertyOptional({ description: 'Only this action.', example: 'production-order.create' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  action?: string;

  @ApiPropertyOptional({ description: 'Only this resource; a trailing `*` matches a prefix.', example: 'production-orders/*' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  resource?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES, description: 'Only entries with this outcome.' })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: 'Entries at or after this instant (RFC 3339).', format: 'date-time' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this instant (RFC 3339).', format: 'date-time' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: "Entries after this seq: pass the previous page's nextCursor.", example: '1200' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,15}$/, { message: 'after must be a cursor this API issued (an entry number)' })
  after?: string;

  @PageLimit(100, 500)
  limit?: number;
}
