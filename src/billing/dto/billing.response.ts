import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';

const int = { type: 'integer' } as const;
const textOrNull = { type: String, nullable: true } as const;

export class SourceResponse {
  @ApiProperty({ example: 'contribution' }) key: string;
  @ApiProperty({ example: 'Contributie' }) label: string;
}

export const SourcePage = PageOf(SourceResponse, 'ChargeSourcePage');

export class RunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty(int) year: number;
  @ApiProperty({ example: 'contribution' }) source: string;
  @ApiProperty({ example: 'Contributie' }) sourceLabel: string;
  @ApiProperty({ enum: ['queued', 'done', 'failed'] }) status: 'queued' | 'done' | 'failed';
  @ApiProperty({ example: 'gereed' }) statusNl: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 }) instalments: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) firstDueOn: string | null;
  @ApiProperty({ ...textOrNull, description: 'what the figures rest on (the vote, the schedule), once run' }) basis: string | null;
  @ApiProperty(int) invoiceCount: number;
  @ApiProperty({ type: 'integer', description: 'euro cents' }) totalCents: number;
  @ApiProperty() total: string;
  @ApiProperty({ ...textOrNull, description: 'why the run failed' }) error: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
}

export const RunPage = PageOf(RunResponse, 'InvoiceRunPage');

export class InvoiceLineResponse {
  @ApiProperty(int) position: number;
  @ApiProperty({ example: 'Contributie 2021' }) description: string;
  @ApiProperty({ example: '48.654 inwoners × € 1,32 (klasse 25.000 tot 200.000)' }) explanation: string;
  @ApiProperty({ type: 'integer', description: 'euro cents; negative on a credit note' }) amountCents: number;
  @ApiProperty() amount: string;
  @ApiProperty({ ...textOrNull, description: 'the vote that set the figure' }) decidedBy: string | null;
  @ApiProperty({ ...textOrNull, description: 'its public result page' }) decidedByPath: string | null;
}

export class InstalmentResponse {
  @ApiProperty(int) number: number;
  @ApiProperty({ type: String, format: 'date' }) dueOn: string;
  @ApiProperty({ type: 'integer', description: 'euro cents' }) amountCents: number;
  @ApiProperty() amount: string;
}

export class InvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['invoice', 'credit_note'] }) kind: 'invoice' | 'credit_note';
  @ApiProperty({ example: 'factuur' }) kindNl: string;
  @ApiProperty({ example: '2021-00042' }) number: string;
  @ApiProperty(int) year: number;
  @ApiProperty({ type: 'integer', description: "place in the year's series, without gaps" }) sequence: number;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ example: 'contribution' }) sourceKey: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ description: 'the secretary the letter is addressed to' }) addressee: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, format: 'date' }) issuedOn: string;
  @ApiProperty({ type: 'integer', description: 'euro cents; negative on a credit note' }) totalCents: number;
  @ApiProperty() total: string;
  @ApiProperty({ ...textOrNull, format: 'uuid' }) creditsInvoiceId: string | null;
  @ApiProperty(textOrNull) creditsNumber: string | null;
  @ApiProperty({ ...textOrNull, format: 'uuid' }) creditedById: string | null;
  @ApiProperty(textOrNull) creditedByNumber: string | null;
  @ApiProperty({ ...textOrNull, description: "a credit note's reason" }) reason: string | null;
  @ApiProperty({ type: [InvoiceLineResponse] }) lines: InvoiceLineResponse[];
  @ApiProperty({ type: [InstalmentResponse], description: 'empty on a credit note' }) instalments: InstalmentResponse[];
}

export const InvoicePage = PageOf(InvoiceResponse, 'InvoicePage');

export class BookkeepingExportResponse {
  @ApiProperty(int) year: number;
  @ApiProperty({ type: [InvoiceResponse], description: 'every invoice and credit note of the year, in number order' }) invoices: InvoiceResponse[];
  @ApiProperty({ type: 'integer', description: 'euro cents, credit notes subtracted' }) totalCents: number;
}
