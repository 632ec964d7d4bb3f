import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The `limit` query parameter of a paged list: an integer from 1 to `max`, `defaultSize` when absent. */
export function PageLimit(defaultSize: number, max: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: `Page size, 1 to ${max}.`, default: defaultSize, minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}
