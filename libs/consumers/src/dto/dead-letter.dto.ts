import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { PageLimit } from '@mw/http';

export class DeadLetterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Handler that gave up on the event.', example: 'mes-projection' }) consumer!: string;
  @ApiProperty({ format: 'uuid', description: 'CloudEvents id of the event.' }) eventId!: string;
  @ApiProperty({ example: 'com.millwright.production-order.released.v1' }) eventType!: string;
  @ApiProperty({ example: 'erp.production-orders.v1' }) topic!: string;
  @ApiProperty({ nullable: true, type: Number }) partition!: number | null;
  @ApiProperty({ nullable: true, type: String }) offset!: string | null;
  @ApiProperty({ nullable: true, type: String }) key!: string | null;
  @ApiProperty({ description: 'Last error.' }) error!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) deadLetteredAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) replayedAt!: string | null;
}

export class ListDeadLettersQuery {
  @ApiPropertyOptional({ description: 'Only this consumer.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  consumer?: string;

  @ApiPropertyOptional({ description: 'Only dead letters not yet replayed.', default: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  pending?: boolean;

  @PageLimit(100, 1000)
  limit?: number;
}

export class ReplayAllDto {
  @ApiPropertyOptional({ description: 'Only this consumer; all consumers when absent.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  consumer?: string;
}

export class ReplayAllResultDto {
  @ApiProperty() replayed!: number;
}
