import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateProductionOrderDto } from './production-order.dto';
import { OrderStatus } from '../production-order.state';

export class ConfirmationTotalsDto {
  @ApiProperty({ description: 'Confirmed good quantity, in the order unit.', example: 120 })
  yield!: number;
  @ApiProperty({ description: 'Confirmed scrap quantity, in the order unit.', example: 3 })
  scrap!: number;
  @ApiProperty({ description: 'Number of confirmations received.', example: 2 })
  confirmations!: number;
}

export class ProductionOrderDto extends CreateProductionOrderDto {
  @ApiProperty({ format: 'uuid', example: '01937a52-6c1e-7c4b-9a57-3f0c1b2d4e5f' })
  id!: string;
  @ApiProperty({ enum: OrderStatus, example: OrderStatus.Created })
  status!: OrderStatus;
  @ApiProperty({ type: ConfirmationTotalsDto })
  totals!: ConfirmationTotalsDto;
  @ApiProperty({ description: 'Increases with every change; the ETag is its quoted value.', example: 1 })
  version!: number;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class ProductionOrderPageDto {
  @ApiProperty({ type: [ProductionOrderDto] })
  items!: ProductionOrderDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` to get the next page; absent on the last page.', nullable: true, type: String })
  nextCursor!: string | null;
}
