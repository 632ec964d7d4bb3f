import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { REC20_CODES } from '../units';
import { IsAfter, IsBoundedAttributes, IsRec20Unit, IsRfc3339, UniqueBy } from './validators';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/;
const PLANT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export class MaterialDto {
  @ApiProperty({ description: 'Material number in the ERP.', example: 'HX-2210', maxLength: 40 })
  @IsString()
  @Length(1, 40)
  @Matches(CODE, { message: 'code may contain letters, digits, ".", "_", "/" and "-"' })
  code!: string;

  @ApiPropertyOptional({ description: 'Material description.', example: 'Pump housing', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  description?: string;

  @ApiPropertyOptional({ description: 'Engineering revision.', example: 'B', maxLength: 10 })
  @IsOptional()
  @IsString()
  @Length(1, 10)
  revision?: string;
}

export class QuantityDto {
  @ApiProperty({ description: 'Amount, > 0.', example: 500, minimum: 0.000001, maximum: 1_000_000_000 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 })
  @Min(0.000001)
  @Max(1_000_000_000)
  value!: number;

  @ApiProperty({ description: 'UN/ECE Recommendation 20 unit code.', example: 'PCE', enum: REC20_CODES })
  @IsRec20Unit()
  unit!: string;
}

export class OperationDto {
  @ApiProperty({ description: 'Routing sequence number, unique within the order.', example: 10, minimum: 1, maximum: 9999 })
  @IsInt()
  @Min(1)
  @Max(9999)
  sequence!: number;

  @ApiProperty({ description: 'Work center (ISA-95 equipment) that performs the operation.', example: 'CNC-01', maxLength: 40 })
  @IsString()
  @Length(1, 40)
  @Matches(CODE, { message: 'workCenter may contain letters, digits, ".", "_", "/" and "-"' })
  workCenter!: string;

  @ApiPropertyOptional({ description: 'Operation text.', example: 'Rough milling', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  description?: string;

  @ApiPropertyOptional({ description: 'Planned setup time in minutes.', example: 30, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1_000_000)
  setupMinutes?: number;

  @ApiPropertyOptional({ description: 'Planned run time in minutes.', example: 240, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(10_000_000)
  runMinutes?: number;
}

export class ComponentDto {
  @ApiProperty({ description: 'Material number of the component.', example: 'AL-6061-BAR', maxLength: 40 })
  @IsString()
  @Length(1, 40)
  @Matches(CODE, { message: 'material may contain letters, digits, ".", "_", "/" and "-"' })
  material!: string;

  @ApiProperty({ type: QuantityDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity!: QuantityDto;
}

/** An ISA-95 / B2MML production request as the ERP posts it. */
export class CreateProductionOrderDto {
  @ApiProperty({ description: "The ERP's order number; unique per plant.", example: '4711000123', maxLength: 40 })
  @IsString()
  @Length(1, 40)
  @Matches(CODE, { message: 'orderNumber may contain letters, digits, ".", "_", "/" and "-"' })
  orderNumber!: string;

  @ApiProperty({ description: 'Plant code.', example: 'P100', maxLength: 20 })
  @IsString()
  @Length(1, 20)
  @Matches(PLANT, { message: 'plant may contain letters, digits, "_" and "-"' })
  plant!: string;

  @ApiProperty({ type: MaterialDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MaterialDto)
  material!: MaterialDto;

  @ApiProperty({ type: QuantityDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity!: QuantityDto;

  @ApiProperty({ description: 'Planned start, RFC 3339.', example: '2026-12-01T06:00:00Z', format: 'date-time' })
  @IsRfc3339()
  scheduledStart!: string;

  @ApiProperty({ description: 'Planned end, RFC 3339, after the start.', example: '2026-12-03T18:00:00Z', format: 'date-time' })
  @IsRfc3339()
  @IsAfter('scheduledStart')
  scheduledEnd!: string;

  @ApiPropertyOptional({ description: 'Scheduling priority, 1 (highest) to 99.', example: 3, minimum: 1, maximum: 99, default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  priority?: number;

  @ApiPropertyOptional({ type: [OperationDto], description: 'Routing operations (at most 200, unique sequence).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @UniqueBy('sequence')
  @ValidateNested({ each: true })
  @Type(() => OperationDto)
  operations?: OperationDto[];

  @ApiPropertyOptional({ type: [ComponentDto], description: 'Bill of material components (at most 500).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ComponentDto)
  components?: ComponentDto[];

  @ApiPropertyOptional({
    description: 'Free-form attributes: at most 50 keys with scalar values, 8 KiB in all.',
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    example: { customerOrder: 'SO-88812' },
  })
  @IsOptional()
  @IsObject()
  @IsBoundedAttributes()
  attributes?: Record<string, string | number | boolean>;
}
