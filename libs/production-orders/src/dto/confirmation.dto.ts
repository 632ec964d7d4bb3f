import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsRfc3339 } from './validators';

/** ISA-95 production performance: what the MES reports for one operation. */
export class CreateConfirmationDto {
  @ApiProperty({ description: 'Sequence of the order operation this confirmation belongs to.', example: 10 })
  @IsInt()
  @Min(1)
  @Max(9999)
  operation!: number;

  @ApiProperty({ description: 'Good quantity produced, in the order unit.', example: 120, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 })
  @Min(0)
  @Max(1_000_000_000)
  yield!: number;

  @ApiPropertyOptional({ description: 'Scrapped quantity, in the order unit.', example: 3, minimum: 0, default: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 })
  @Min(0)
  @Max(1_000_000_000)
  scrap?: number;

  @ApiPropertyOptional({ description: 'Scrap reason code; required when scrap > 0.', example: 'SCR-DIM', maxLength: 20 })
  @ValidateIf((o: CreateConfirmationDto) => (o.scrap ?? 0) > 0 || o.scrapReason !== undefined)
  @IsString()
  @Length(1, 20)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'scrapReason may contain letters, digits, "_" and "-"' })
  scrapReason?: string;

  @ApiPropertyOptional({ description: 'True when this is the final confirmation of the operation.', default: false })
  @IsOptional()
  @IsBoolean()
  final?: boolean;

  @ApiPropertyOptional({ description: 'When the MES recorded the performance (RFC 3339); defaults to receipt time.', format: 'date-time' })
  @IsOptional()
  @IsRfc3339()
  reportedAt?: string;

  @ApiPropertyOptional({ description: 'Reporting station or user in the MES.', example: 'MES-LINE3', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  reportedBy?: string;
}

export class ConfirmationDto extends CreateConfirmationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  orderId!: string;
  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}
