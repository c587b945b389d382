import { CanActivate, Controller, ExecutionContext, Get, Header, Injectable, Res, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'crypto';
import type { Request, Response } from 'express';
import { PERMISSION_KEY, StaffGuard, StaffSecurity } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
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
  @StaffSecurity()
  @ApiDoc({
    summary: 'Operational metrics in the Prometheus text format',
    produces: 'text/plain',
    description: 'For Prometheus with METRICS_TOKEN as its bearer token, or for staff whose role may read metrics.',
  })
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.render();
    response.type(this.metrics.contentType).send(body);
  }
}
