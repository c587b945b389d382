import { Controller, Get, OnModuleDestroy, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { ApiDoc } from '../http/openapi/api-doc.decorator';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
}

const PROBE_TIMEOUT_MS = 2000;

/**
 * GET /health through @nestjs/terminus (its TypeORM ping with a timeout, and its indicator session
 * for Redis), answered in the platform's own small shape that the Docker health check and the
 * operators' scripts already read.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: IORedis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    config: AppConfig,
  ) {
    this.redis = new IORedis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.redis.on('error', () => undefined); // reported through the health answer instead
  }

  /** 200 when both PostgreSQL and Redis answer, 503 otherwise (voting itself keeps working without Redis). */
  @Get()
  // Above ApiDoc, so that it replaces ApiDoc's 503 (this answer is never the error shape).
  @ApiResponse({ status: 503, description: 'PostgreSQL or Redis does not answer (the same shape, status degraded)', type: HealthResponse })
  @ApiDoc({ summary: 'Check that PostgreSQL and Redis answer', response: HealthResponse, responseDescription: 'both answer' })
  async check(@Res() response: Response): Promise<void> {
    const result = await this.health
      .check([() => this.database.pingCheck('database', { timeout: PROBE_TIMEOUT_MS }), () => this.redisCheck()])
      .catch((error: unknown) => {
        if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
        throw error;
      });
    const database = result.details.database?.status === 'up' ? 'up' : 'down';
    const redis = result.details.redis?.status === 'up' ? 'up' : 'down';
    const ok = database === 'up' && redis === 'up';
    response.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, redis });
  }

  private async redisCheck() {
    const session = this.indicators.check('redis');
    try {
      await Promise.race([
        (async () => {
          if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
          return this.redis.ping();
        })(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref()),
      ]);
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
