import { ApiPropertyOptional } from '@nestjs/swagger';
import { ComponentDto, MaterialDto, OperationDto, QuantityDto } from './production-order.dto';

/**
 * RFC 7396 JSON merge patch over the order's plan. Documented for the spec only: the service merges
 * the patch into the current order and validates the result as a whole with CreateProductionOrderDto.
 * orderNumber and plant identify the order and cannot change.
 */
export class PatchProductionOrderDto {
  @ApiPropertyOptional({ type: MaterialDto })
  material?: Partial<MaterialDto>;
  @ApiPropertyOptional({ type: QuantityDto })
  quantity?: QuantityDto;
  @ApiPropertyOptional({ format: 'date-time' })
  scheduledStart?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  scheduledEnd?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 99 })
  priority?: number;
  @ApiPropertyOptional({ type: [OperationDto] })
  operations?: OperationDto[];
  @ApiPropertyOptional({ type: [ComponentDto] })
  components?: ComponentDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Merged key by key; null removes a key.' })
  attributes?: Record<string, unknown>;
}

export const PATCHABLE_FIELDS = ['material', 'quantity', 'scheduledStart', 'scheduledEnd', 'priority', 'operations', 'components', 'attributes'] as const;
