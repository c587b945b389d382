import { CanActivate, Controller, ExecutionContext, Get, Header, Injectable, Res, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'crypto';
import type { Request, Response } from 'express';
import { PERMISSION_KEY, StaffGuard } from '../accounts/staff.guard';
import { AppConfig } from '../platform/config/app-config';
import { MetricsService } from './metrics.service';

function sameSecret(a: string, b: string): boolean {
  // Compare digests, so that neither the length nor the content leaks through timing.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Prometheus with METRICS_TOKEN as its bearer token; otherwise staff whose role may read metrics. */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly staffGuard: StaffGuard,
  ) {}

  canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const token = this.config.METRICS_TOKEN;
    if (token && header?.startsWith('Bearer ') && sameSecret(header.slice('Bearer '.length).trim(), token)) return true;
    return this.staffGuard.canActivate(context);
  }
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @SetMetadata(PERMISSION_KEY, 'metrics.read')
  @UseGuards(MetricsAccessGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Operational metrics in the Prometheus text format (METRICS_TOKEN as bearer token, or staff with metrics.read)' })
  @ApiProduces('text/plain')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.render();
    response.type(this.metrics.contentType).send(body);
  }
}
