import { Global, Module } from '@nestjs/common';
import { JobHandlers } from './job-handlers';
import { OutboxRelayLoop } from './outbox-relay.loop';

/** Worker only: the handler registry every processor module registers into, and the relay loop. */
@Global()
@Module({ providers: [JobHandlers, OutboxRelayLoop], exports: [JobHandlers] })
export class WorkerQueueModule {}
