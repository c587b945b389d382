import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'fs';
import { createTransport, Transporter } from 'nodemailer';
import { join, resolve } from 'path';
import { AppConfig } from '../platform/config/app-config';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * At most this many mails are handed to the SMTP server at once, however many jobs the worker runs:
 * a mail can go out twice only when the worker dies while the server has it and before the worker
 * heard so, so this bounds the copies a crash can cause (the README's promise).
 */
export const MAX_SENDS_IN_FLIGHT = 10;

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise every mail is written as an .eml file named
 * after its id in MAIL_OUTBOX_DIR (so the demo needs no mail server, and rewriting is harmless).
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;
  private readonly toFiles: boolean;

  constructor(private readonly config: AppConfig) {
    this.toFiles = !config.SMTP_URL;
    this.transporter = config.SMTP_URL
      ? createTransport(config.SMTP_URL)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get description(): string {
    return this.toFiles ? `files in ${resolve(this.config.MAIL_OUTBOX_DIR)}` : 'SMTP';
  }

  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  async send(mail: OutgoingMail): Promise<string> {
    await this.slot();
    try {
      return await this.deliver(mail);
    } finally {
      this.release();
    }
  }

  private slot(): Promise<void> {
    if (this.inFlight < MAX_SENDS_IN_FLIGHT) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next mail waiting, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  private async deliver(mail: OutgoingMail): Promise<string> {
    const info = await this.transporter.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      // Deterministic, so a receiving system can recognise a retried delivery.
      messageId: `<${mail.id}@ledenraadpleging.vng.example>`,
      headers: { 'X-Mail-Id': mail.id },
    });
    if (this.toFiles) {
      const dir = resolve(this.config.MAIL_OUTBOX_DIR);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${mail.id}.eml`), info.message as Buffer);
    }
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
