import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@lessons-network/identity';
import { databaseReadiness } from '@lessons-network/persistence';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

/** Liveness and readiness for load balancers and orchestrators. Public: they reveal nothing. */
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The process is up and serving HTTP. */
  @Public()
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The database answers and every migration is applied: 200, else 503. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const readiness = await databaseReadiness(this.dataSource);
    res.status(readiness.ready ? 200 : 503);
    return { status: readiness.ready ? 'ready' : 'not ready', ...readiness };
  }
}
