import { Module } from '@nestjs/common';
import { ProductionOrdersController } from './production-orders.controller';
import { ProductionOrdersRepository } from './production-orders.repository';
import { ProductionOrdersService } from './production-orders.service';

@Module({
  controllers: [ProductionOrdersController],
  providers: [ProductionOrdersService, ProductionOrdersRepository],
  exports: [ProductionOrdersService, ProductionOrdersRepository],
})
export class ProductionOrdersModule {}
