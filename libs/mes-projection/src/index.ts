export { MesProjectionModule } from './mes-projection.module';
export { MesProjectionHandler } from './mes-projection.handler';
