import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';

/** A CSV answer as an attachment, whole or streamed; its errors stay JSON, as the OpenAPI document says. */
export const csvFile = (content: string | Readable, filename: string) =>
  new StreamableFile(typeof content === 'string' ? Readable.from([Buffer.from(content, 'utf8')]) : content, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
