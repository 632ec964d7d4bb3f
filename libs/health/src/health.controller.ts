import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@mw/auth';
import { HealthRegistry } from './health.registry';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up', operationId: 'live' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database and other dependencies (503 when down; degraded still serves)', operationId: 'ready' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<unknown> {
    const report = await this.registry.readiness();
    res.status(report.status === 'down' ? 503 : 200).setHeader('cache-control', 'no-store');
    return report;
  }
}
