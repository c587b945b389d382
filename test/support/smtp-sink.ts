import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './wait';

export interface ReceivedMail {
  mailId: string;
  to: string;
  subject: string;
  /** The text part. */
  body: string;
  /** The HTML part as sent (null when the mail has none). */
  html: string | null;
  /** The top-level media type, e.g. multipart/alternative. */
  contentType: string;
}

export interface SmtpSinkOptions {
  /** Answer every RCPT with a permanent 550. */
  rejectRecipients?: boolean;
  /** Wait this long after the message data before answering 250 (to make a dispatch interruptible). */
  dataDelaySeconds?: number;
  /** Only count accepted messages, without parsing or keeping them (for benchmarks). */
  countOnly?: boolean;
}

/**
 * A real SMTP server (the npm package smtp-server) on a spare loopback port inside the test
 * process. Every accepted message is parsed with mailparser and kept in memory, once per recipient.
 */
export class SmtpSink {
  private server?: SMTPServer;
  private readonly mails: ReceivedMail[] = [];
  private readonly closed = new Set<string>();
  /** Messages accepted, counted once per recipient. */
  accepted = 0;
  port = 0;
  /** Whether RCPT is answered with a 550 (from `rejectRecipients`; a test may change it, the server "recovers"). */
  rejecting = false;

  async start(options: SmtpSinkOptions = {}): Promise<this> {
    this.port = await freePort();
    this.rejecting = options.rejectRecipients ?? false;
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onClose: (session) => this.closed.add(session.id),
      onRcptTo: (_address, _session, callback) => {
        if (!this.rejecting) return callback();
        const refusal = new Error('5.1.1 Recipient address rejected: User unknown') as Error & { responseCode: number };
        refusal.responseCode = 550;
        callback(refusal);
      },
      onData: (stream, session, callback) => {
        if (options.countOnly) {
          stream.on('data', () => undefined);
          stream.on('end', () => {
            this.accepted += session.envelope.rcptTo.length;
            callback();
          });
          return;
        }
        simpleParser(stream)
          .then(async (parsed) => {
            const header = parsed.headers.get('x-mail-id');
            const mailId = typeof header === 'string' ? header : '';
            const body = parsed.text ?? '';
            const html = typeof parsed.html === 'string' ? parsed.html : null;
            const contentType = (parsed.headers.get('content-type') as { value?: string } | undefined)?.value ?? '';
            // Accept only after the delay: a client killed meanwhile has delivered nothing.
            if (options.dataDelaySeconds) await new Promise((r) => setTimeout(r, options.dataDelaySeconds! * 1000));
            return { mailId, subject: parsed.subject ?? '', body, html, contentType };
          })
          .then(
            (mail) => {
              if (this.closed.has(session.id)) return callback(new Error('client went away'));
              for (const rcpt of session.envelope.rcptTo) this.mails.push({ ...mail, to: rcpt.address });
              this.accepted += session.envelope.rcptTo.length;
              callback();
            },
            (error: Error) => callback(error),
          );
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      // A client killed mid-message resets its connection: that is the test's doing, not a failure.
      this.server!.on('error', () => undefined);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  received(): ReceivedMail[] {
    return [...this.mails];
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
