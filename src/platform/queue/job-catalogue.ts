/**
 * Every background job of the platform: its queue, its name and its data, type-checked at each
 * enqueue. The worker refuses to start when a job here has no handler.
 */
export enum QueueName {
  Consultations = 'consultations',
  Mail = 'mail',
  Billing = 'billing',
}

export interface JobCatalogue {
  /** Close voting at the deadline (the vote's own transaction enforces the deadline too). */
  'close-voting': { queue: QueueName.Consultations; data: { consultationId: string } };
  /** Deliver one mail_message row (idempotent: a sent message is never sent again). */
  'send-mail': {
    queue: QueueName.Mail;
    data: { mailId: string; /** Set by the worker when the SMTP server accepted the mail but recording it failed. */ smtpAccepted?: string };
  };
  /** Remind the members that have not voted, `hoursBefore` the deadline it was planned for. */
  'send-reminders': { queue: QueueName.Consultations; data: { consultationId: string; hoursBefore: number; deadline: string } };
  /** Invoice one run (year and charge source) in one transaction; a run already done is left alone. */
  'invoice-run': { queue: QueueName.Billing; data: { runId: string } };
}

export type JobName = keyof JobCatalogue;
export type JobData<N extends JobName> = JobCatalogue[N]['data'];

export const JOB_QUEUES: { [N in JobName]: JobCatalogue[N]['queue'] } = {
  'close-voting': QueueName.Consultations,
  'send-mail': QueueName.Mail,
  'send-reminders': QueueName.Consultations,
  'invoice-run': QueueName.Billing,
};

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];

/** BullMQ reserves ':' in custom job ids; the outbox keeps the readable form (ids never contain '.'). */
export const bullJobId = (outboxJobId: string): string => outboxJobId.replaceAll(':', '.');
export const outboxJobId = (bullJobId: string): string => bullJobId.replaceAll('.', ':');

/** Retries with exponential backoff: 5 s, 10 s, 20 s, … up to 8 attempts. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
} as const;
