import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ALL_SCOPES, LABEL_PATTERN, PLANT_PATTERN } from '../../scopes';

export class CreateClientDto {
  /** Human-readable name, e.g. the integration it belongs to. */
  @ApiProperty({ example: 'MES line 3', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  /** Scopes the client may request; a token request without `scope` gets all of them. */
  @ApiProperty({ enum: ALL_SCOPES, isArray: true, example: ['orders:read', 'orders:write'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ALL_SCOPES, { each: true })
  scopes!: string[];

  /** Plants the client may touch; '*' means every plant. */
  @ApiProperty({ type: [String], example: ['P100', 'P200'] })
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(PLANT_PATTERN, { each: true })
  plants!: string[];

  /** Roles carried in the token as `mw_roles` (used by masking policies). */
  @ApiPropertyOptional({ type: [String], example: ['quality-engineer'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(LABEL_PATTERN, { each: true })
  roles?: string[];

  /** Processing purposes carried in the token as `mw_purposes`. */
  @ApiPropertyOptional({ type: [String], example: ['quality-analysis'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(LABEL_PATTERN, { each: true })
  purposes?: string[];
}
