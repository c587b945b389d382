import { Global, Module } from '@nestjs/common';
import { JobHandlers } from './job-handlers';
import { JobReconciler } from './job-reconciler';
import { OutboxRelayLoop } from './outbox-relay.loop';

/** Worker only: the handler registry every processor module registers into, the relay loop and the reconciler. */
@Global()
@Module({ providers: [JobHandlers, OutboxRelayLoop, JobReconciler], exports: [JobHandlers, JobReconciler] })
export class WorkerQueueModule {}
