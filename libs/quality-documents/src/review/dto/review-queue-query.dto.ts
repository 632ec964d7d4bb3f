import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { REVIEW_STATUSES, type ReviewStatus } from './review.response';

export class ReviewQueueQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'pending', description: 'Documents in this review state.' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  reviewStatus?: ReviewStatus;

  @ApiPropertyOptional({ description: 'Only this plant (one the client is bound to).', example: 'P100' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  plant?: string;

  @ApiPropertyOptional({ description: "Documents after this id: pass the previous page's `next`.", format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'after must be a document id (the previous page\'s next)' })
  after?: string;

  @ApiPropertyOptional({ description: 'Page size, 1 to 200.', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
