import { Global, Module } from '@nestjs/common';
import { AttemptLimiter } from './attempt-limiter';
import { RateLimitStore } from './rate-limit-store';
import { SharedThrottlerStorage } from './throttler-storage';

@Global()
@Module({ providers: [RateLimitStore, AttemptLimiter, SharedThrottlerStorage], exports: [RateLimitStore, AttemptLimiter, SharedThrottlerStorage] })
export class HttpPlatformModule {}
