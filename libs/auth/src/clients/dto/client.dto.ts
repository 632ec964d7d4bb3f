import { ApiProperty } from '@nestjs/swagger';
import { ALL_SCOPES } from '../../scopes';

/** An API client as listed; never includes the secret or its hash. */
export class ClientDto {
  @ApiProperty({ example: 'mwc_3q2-7wZkYd1mPq0a' })
  client_id!: string;

  @ApiProperty({ example: 'MES line 3' })
  name!: string;

  @ApiProperty({ enum: ALL_SCOPES, isArray: true })
  scopes!: string[];

  /** '*' means every plant. */
  @ApiProperty({ type: [String], example: ['P100'] })
  plants!: string[];

  @ApiProperty({ type: [String] })
  roles!: string[];

  @ApiProperty({ type: [String] })
  purposes!: string[];

  /** A disabled client gets no tokens and its outstanding tokens are refused. */
  @ApiProperty()
  disabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;

  @ApiProperty({ format: 'date-time' })
  secret_rotated_at!: string;
}
