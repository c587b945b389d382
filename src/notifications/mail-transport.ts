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
  html: string;
}

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
    this.transporter = config.SMTP_URL ? createTransport(config.SMTP_URL) : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get description(): string {
    return this.toFiles ? `files in ${resolve(this.config.MAIL_OUTBOX_DIR)}` : 'SMTP';
  }

  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transporter.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      // Both parts: nodemailer sends them as multipart/alternative, the text part first.
      text: mail.text,
      html: mail.html,
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
