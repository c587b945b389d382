import { Global, Module } from '@nestjs/common';
import { AttemptLimiter } from './attempt-limiter';
import { PageRenderer } from './page-renderer';
import { RateLimitStore } from './rate-limit-store';
import { SharedThrottlerStorage } from './throttler-storage';

@Global()
@Module({
  providers: [RateLimitStore, AttemptLimiter, SharedThrottlerStorage, PageRenderer],
  exports: [RateLimitStore, AttemptLimiter, SharedThrottlerStorage, PageRenderer],
})
export class HttpPlatformModule {}
