import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AccountsService } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { sessionTokenOf } from '../accounts/staff.guard';
import { QueueName } from '../platform/queue/job-catalogue';
import { OutboxRelay } from '../platform/queue/outbox.relay';

export const QUEUE_DASHBOARD_PATH = '/bestuur/wachtrijen';

/** Bull Board (the queues, their jobs and failures) for signed-in staff only. */
export function mountQueueDashboard(app: INestApplication): void {
  const relay = app.get(OutboxRelay);
  const accounts = app.get(AccountsService);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: Object.values(QueueName).map((name) => new BullMQAdapter(relay.queue(name))), serverAdapter });

  const staffOnly = async (request: Request, response: Response, next: NextFunction) => {
    const token = sessionTokenOf(request);
    const staff = token ? await accounts.bySessionToken(token).catch(() => null) : null;
    if (!staff) return response.redirect(303, '/bestuur/inloggen');
    if (!allows(staff.role, 'consultations.read')) return response.status(403).send('Geen toegang');
    next();
  };
  app.use(QUEUE_DASHBOARD_PATH, staffOnly, serverAdapter.getRouter());
}
