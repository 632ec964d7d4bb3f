import { ApiProperty } from '@nestjs/swagger';

/** Returned once, at creation or rotation; the secret is stored only as a hash. */
export class ClientCredentialsDto {
  @ApiProperty({ example: 'mwc_3q2-7wZkYd1mPq0a' })
  client_id!: string;

  @ApiProperty({ example: 'mws_hH0Zr1x2oJ3l0cQ8mWb4v7l2c0x9Zs1pU6eT5kR3aYw' })
  client_secret!: string;
}
