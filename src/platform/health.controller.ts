import { Controller, Get, OnModuleDestroy, Res } from '@nestjs/common';
import { ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/app-config';
import { ApiDoc } from './http/openapi/api-doc.decorator';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
}

async function check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return 'up';
  } catch {
    return 'down';
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: IORedis;

  constructor(private readonly dataSource: DataSource, config: AppConfig) {
    this.redis = new IORedis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.redis.on('error', () => undefined); // reported through the health answer instead
  }

  /** 200 when both PostgreSQL and Redis answer, 503 otherwise (voting itself keeps working without Redis). */
  @Get()
  // Above ApiDoc, so that it replaces ApiDoc's 503 (this answer is never the error shape).
  @ApiResponse({ status: 503, description: 'PostgreSQL or Redis does not answer (the same shape, status degraded)', type: HealthResponse })
  @ApiDoc({ summary: 'Check that PostgreSQL and Redis answer', response: HealthResponse, responseDescription: 'both answer' })
  async health(@Res() response: Response): Promise<void> {
    const database = await check(() => this.dataSource.query('SELECT 1'));
    const redis = await check(async () => {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      return this.redis.ping();
    });
    const ok = database === 'up' && redis === 'up';
    response.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, redis });
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
