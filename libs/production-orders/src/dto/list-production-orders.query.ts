import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageLimit } from '@mw/http';
import { OrderStatus } from '../production-order.state';
import { IsRfc3339 } from './validators';

export class ListProductionOrdersQuery {
  @ApiPropertyOptional({ description: 'Only orders of this plant (must be one of the caller\'s plants).', example: 'P100' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  plant?: string;

  @ApiPropertyOptional({ enum: OrderStatus })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @ApiPropertyOptional({ description: 'Material code.', example: 'HX-2210' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  material?: string;

  @ApiPropertyOptional({ description: 'Only orders changed at or after this instant (RFC 3339).', format: 'date-time' })
  @IsOptional()
  @IsRfc3339()
  updatedSince?: string;

  @PageLimit(50, 500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a cursor this API issued' })
  cursor?: string;
}
