import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { ShowsViewer } from '../accounts/staff.guard';
import { BallotsService } from '../ballots/ballots.service';
import { hasPublishedResult } from '../consultations/consultation-phase';
import { ConsultationsService } from '../consultations/consultations.service';
import { AppConfig } from '../platform/config/app-config';
import { csvFile } from '../platform/http/csv-file';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import type { NamedVote } from '../tallies/tallies.service';
import { formFields } from '../platform/http/form-fields';
import { textField } from './page-form';
import { spreadsheetSafe } from './results-view';
import { roleNl, votingClosedSince } from './view-models';

/** Named votes read per round trip while an open-data file streams out. */
const BATCH = 200;

// Crockford base32 as receipt codes use it; what people mistype (O for 0, I and L for 1) is read as meant.
const RECEIPT_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** "7kq2 m9xd 4t", "7KQ2-M9XD-4T" and "7KQ2M9XD4T" are one code: upper case, without spaces or dashes, mistypes read as meant. */
export function normaliseReceiptCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return RECEIPT_CODE.test(plain) ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}` : null;
}

/**
 * The open data of a result (the named votes per municipality, as CSV and JSON, where the votes are
 * open) and the public check of a receipt code (ontvangstcode).
 */
@ApiExcludeController()
@ShowsViewer()
@Controller()
export class ResultsPages {
  private readonly publicUrl: string;

  constructor(
    private readonly consultations: ConsultationsService,
    private readonly ballots: BallotsService,
    private readonly renderer: PageRenderer,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  }

  @Get('raadplegingen/:id/uitslag/stemmen.csv')
  async votesCsv(@Param('id', new UuidPipe('id')) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const first = await this.firstBatch(id);
    if (!first.open) return this.refuseSecret(first, request, response);
    const numbers = first.proposals.map((p) => p.number);
    const header = ['cbs_code', 'gemeente', 'stemgewicht', 'uitgebracht_door', 'functie', 'kanaal', ...numbers.map((n) => `voorstel_${n}`)];
    const line = (v: NamedVote) => [
      v.memberCode,
      spreadsheetSafe(v.memberName),
      v.weight,
      spreadsheetSafe(v.voterName),
      roleNl(v.voterRole),
      v.channel === 'paper' ? 'papier' : 'online',
      ...numbers.map((n) => spreadsheetSafe(v.answers.find((a) => a.proposalNumber === n)?.choiceLabel ?? '')),
    ];
    const batches = this.batches(id, first.votes, first.votesTotal);
    async function* csv() {
      yield stringify([header], { delimiter: ';' });
      for await (const votes of batches) yield stringify(votes.map(line), { delimiter: ';' });
    }
    return csvFile(Readable.from(csv()), `stemgedrag-${id}.csv`);
  }

  @Get('raadplegingen/:id/uitslag/stemmen.json')
  async votesJson(@Param('id', new UuidPipe('id')) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const first = await this.firstBatch(id);
    if (!first.open) return this.refuseSecret(first, request, response);
    const head = {
      consultation: { id, title: first.title, publishedAt: first.publishedAt, secrecy: first.secrecy, result: `${this.publicUrl}/raadplegingen/${id}/uitslag` },
      proposals: first.proposals.map((p) => ({ number: p.number, title: p.title })),
      total: first.votesTotal,
    };
    const batches = this.batches(id, first.votes, first.votesTotal);
    async function* json() {
      // The head as one object, then the votes one per line inside its array: streamed, never all in memory.
      yield `${JSON.stringify(head).slice(0, -1)},"votes":[`;
      let separator = '\n';
      for await (const votes of batches) {
        for (const v of votes) {
          yield separator + JSON.stringify(v);
          separator = ',\n';
        }
      }
      yield '\n]}\n';
    }
    return new StreamableFile(Readable.from(json()), {
      type: 'application/json; charset=utf-8',
      disposition: `inline; filename="stemgedrag-${id}.json"`,
    });
  }

  @Get('ontvangstcode')
  @Header('Content-Type', 'text/html; charset=utf-8')
  receiptForm() {
    return this.renderer.render('receipt-check', { title: 'Ontvangstcode controleren', code: '', errors: [], codeError: null, found: null });
  }

  /** A check, not a change: answers the page itself (200), so the code never appears in an address. */
  @Post('ontvangstcode')
  @HttpCode(200)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  async checkReceipt(@Body() posted: unknown, @Res() response: Response) {
    const typed = textField(formFields(posted), 'code');
    const code = normaliseReceiptCode(typed);
    const refuse = (status: number, message: string) =>
      response
        .status(status)
        .type('html')
        .send(
          this.renderer.render('receipt-check', {
            title: 'Ontvangstcode controleren',
            code: typed,
            errors: [{ field: 'code', message }],
            codeError: message,
            found: null,
          }),
        );
    if (!typed) return refuse(400, 'Vul de ontvangstcode in. U vindt die in de ontvangstbevestiging van de stem.');
    if (!code) return refuse(400, 'Een ontvangstcode heeft tien letters en cijfers, zoals 7KQ2-M9XD-4T. Controleer wat u hebt overgenomen.');
    let receipt;
    try {
      receipt = await this.ballots.checkReceipt(code);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'TOO_MANY_ATTEMPTS') {
        return refuse(429, 'Vanaf uw adres zijn te veel onbekende codes geprobeerd. Probeer het over tien minuten opnieuw.');
      }
      if (error.code === 'NOT_FOUND') {
        return refuse(404, `Wij kennen geen stem met ontvangstcode ${code}. Controleer of u de code goed hebt overgenomen uit de ontvangstbevestiging.`);
      }
      throw error;
    }
    const c = await this.consultations.require(receipt.consultationId);
    const published = hasPublishedResult(c.status);
    // Who voted and how only where the result has made that public anyway: open votes, published.
    const openAndPublished = published && c.secrecy === 'open';
    const vote = openAndPublished && receipt.counts ? await this.consultations.publishedVoteOf(c.id, receipt.memberCode) : null;
    const closedSince = votingClosedSince(c);
    response
      .status(200)
      .type('html')
      .send(
        this.renderer.render('receipt-check', {
          title: 'Ontvangstcode controleren',
          code: '',
          errors: [],
          codeError: null,
          found: {
            code,
            counts: receipt.counts,
            receivedAt: receipt.receivedAt,
            consultation: { id: c.id, title: c.title, reference: c.reference },
            votingOpen: c.status === 'voting_open' && !closedSince,
            votingDeadline: formatDateTimeNl(c.votingDeadline),
            published,
            member: openAndPublished ? receipt.member : null,
            answers: vote ? vote.answers.map((a) => ({ proposal: a.proposalNumber, label: a.choiceLabel })) : null,
          },
        }),
      );
  }

  /** The result and its first batch of named votes; NOT_FOUND (a Dutch page) until the result is published. */
  private async firstBatch(id: string) {
    const result = await this.consultations.publishedResult(id, { offset: 0, limit: BATCH });
    return { ...result, open: result.secrecy === 'open', proposals: result.proposals as { number: number; title: string }[] };
  }

  /** Every named vote, batch after batch, the first one already read. */
  private async *batches(id: string, first: NamedVote[], total: number): AsyncGenerator<NamedVote[]> {
    yield first;
    for (let offset = BATCH; offset < total; offset += BATCH) {
      yield (await this.consultations.publishedResult(id, { offset, limit: BATCH })).votes;
    }
  }

  /** A confidential consultation publishes totals only: its named votes do not exist for the public (404, in Dutch on a page). */
  private refuseSecret(result: { consultationId: string; title: string }, request: Request, response: Response) {
    response.status(404);
    const message = 'De stemmen in deze raadpleging zijn vertrouwelijk: alleen de totalen zijn gepubliceerd, niet hoe elke gemeente heeft gestemd.';
    if (!request.accepts('html')) {
      response.type('application/json');
      return { statusCode: 404, error: 'NOT_FOUND', message: 'the votes of this consultation are confidential: only totals are published' };
    }
    response.type('html');
    return this.renderer.render('results-confidential', {
      title: 'Stemmen vertrouwelijk',
      message,
      consultationId: result.consultationId,
      consultationTitle: result.title,
    });
  }
}
