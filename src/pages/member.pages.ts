import { Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, SignedIn } from '../accounts/staff.guard';
import { BillingService } from '../billing/billing.service';
import { invoiceLetterPdf } from '../billing/invoice-letter';
import { MembersService } from '../members/members.service';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { invoiceRow } from './finance.pages';
import { MemberHome } from './member-home';

/** The municipality a member official acts for; an account without one (never for this role) is refused. */
export function ownMember(staff: SignedInStaff): string {
  if (!staff.memberId) throw new DomainError('FORBIDDEN', 'This account is not bound to a municipality');
  return staff.memberId;
}

/**
 * A member official's pages (*mijn gemeente*): what it can do, and what its municipality owes per
 * year and why, with its invoices and credit notes.
 */
@ApiExcludeController()
@Controller('gemeente')
export class MemberPages {
  constructor(
    private readonly members: MembersService,
    private readonly billing: BillingService,
    private readonly renderer: PageRenderer,
    private readonly overview: MemberHome,
  ) {}

  /** What is going on for the municipality: amendment windows, open votes, what it owes, its facilities. */
  @Get()
  @Can('member.home')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async home(@CurrentStaff() staff: SignedInStaff) {
    const member = await this.members.get(ownMember(staff));
    return this.renderer.render('member-home', {
      title: `Gemeente ${member.name}`,
      signedIn: true,
      memberOfficial: true,
      staff,
      member,
      ...(await this.overview.of(member, staff)),
    });
  }

  @Get('facturen')
  @Can('finance.own')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async invoices(@CurrentStaff() staff: SignedInStaff) {
    const memberId = ownMember(staff);
    const member = await this.members.get(memberId);
    const owed = await this.billing.owedBy(memberId);
    const invoices = await this.billing.invoices({ memberId }, { page: 1, size: 1000, offset: 0 });
    return this.renderer.render('member-invoices', {
      title: `Wat ${member.name} betaalt`,
      signedIn: true,
      memberOfficial: true,
      crumbs: [{ href: '/gemeente', label: 'Mijn gemeente' }, { label: 'Facturen' }],
      member,
      owed,
      invoices: invoices.items.map(invoiceRow),
    });
  }
}

/**
 * The letter of an invoice or credit note, as a page and as a PDF, where the invoice mail links to:
 * the board and bureau (finance.read) read every letter, a member official (finance.own) those of
 * its own municipality. Like the letter "Definitieve voorstellen", the PDF sits beside the page.
 */
@ApiExcludeController()
@Controller('facturen')
export class InvoiceLetterPages {
  constructor(
    private readonly billing: BillingService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get(':id')
  @SignedIn()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async letter(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff) {
    const { invoice, letter } = await this.billing.letterFor(id, staff);
    const board = allows(staff.role, 'finance.read');
    const kind = invoice.kind === 'invoice' ? 'Factuur' : 'Creditnota';
    return this.renderer.render('invoice-letter', {
      title: letter.title,
      signedIn: true,
      memberOfficial: !board,
      // The board reaches a letter from the invoice; a member official from its municipality's invoices.
      crumbs: board
        ? [
            { href: '/bestuur/financien', label: 'Financiën' },
            { href: `/bestuur/financien/facturen?jaar=${invoice.year}`, label: `Facturen ${invoice.year}` },
            { href: `/bestuur/financien/facturen/${invoice.id}`, label: `${kind} ${invoice.number}` },
            { label: 'Brief' },
          ]
        : [{ href: '/gemeente', label: 'Mijn gemeente' }, { href: '/gemeente/facturen', label: 'Facturen' }, { label: `${kind} ${invoice.number}` }],
      invoice,
      letter,
    });
  }

  @Get(':id/factuur.pdf')
  @SignedIn()
  async pdf(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Res({ passthrough: true }) response: Response) {
    const { letter } = await this.billing.letterFor(id, staff);
    response.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${letter.isCreditNote ? 'creditnota' : 'factuur'}-${letter.number}.pdf"`,
    });
    return new StreamableFile(await invoiceLetterPdf(letter));
  }
}
