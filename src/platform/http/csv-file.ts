import { StreamableFile } from '@nestjs/common';

/** A CSV answer as an attachment; its errors stay JSON, as the OpenAPI document says. */
export const csvFile = (text: string, filename: string) =>
  new StreamableFile(Buffer.from(text, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
