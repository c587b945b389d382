import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, chmodSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from './wait';

export interface ReceivedMail {
  mailId: string;
  to: string;
  subject: string;
  body: string;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
}

function parse(raw: string): ReceivedMail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(head)?.[1].replace(/\r?\n[ \t]+/g, ' ').trim() ?? '';
  const body = rest.join('\n\n');
  return {
    mailId: header('X-Mail-ID'),
    to: header('X-Rcpt-Args').replace(/[<>]/g, ''),
    subject: header('Subject'),
    body: /quoted-printable/i.test(header('Content-Transfer-Encoding')) ? decodeQuotedPrintable(body) : body,
  };
}

/**
 * Postfix's smtp-sink (Debian package postfix) on a spare loopback port, dumping every message it
 * accepts to a file. `rejectRecipients` makes it answer every RCPT with a permanent 550.
 */
export class SmtpSink {
  private process?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'smtp-sink-'));
  port = 0;

  async start(options: { rejectRecipients?: boolean; dataDelaySeconds?: number } = {}): Promise<this> {
    chmodSync(this.dir, 0o777);
    this.port = await freePort();
    const args = ['-u', 'postfix', '-d', `${this.dir}/%M.`, ...(options.rejectRecipients ? ['-f', 'RCPT', '-B', '550 5.1.1 Recipient address rejected: User unknown'] : []),
      ...(options.dataDelaySeconds ? ['-w', String(options.dataDelaySeconds)] : []), `127.0.0.1:${this.port}`, '100'];
    this.process = spawn('smtp-sink', args, { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  received(): ReceivedMail[] {
    return readdirSync(this.dir).map((file) => parse(readFileSync(join(this.dir, file), 'utf8')));
  }

  stop(): void {
    this.process?.kill('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
