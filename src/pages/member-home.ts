import { Injectable } from '@nestjs/common';
import { SignedInStaff } from '../accounts/accounts.service';
import { AmendmentsService } from '../amendments/amendments.service';
import { BillingService } from '../billing/billing.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { FacilitiesService } from '../facilities/facilities.service';
import { Clock } from '../platform/clock';
import { amsterdamDate } from '../platform/text/amsterdam-time';
import { KIND_WORD } from './amendment-form';
import { invoiceRow } from './finance.pages';

/**
 * What the member official's home page (/gemeente) shows of what is going on for its municipality:
 * consultations whose amendment window is open (with what it submitted and where its support is
 * asked), open votes (the ballot itself goes to the secretary by mail), what it owes per year and its
 * latest invoices, and the facilities it takes part in.
 */
@Injectable()
export class MemberHome {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly consultations: ConsultationsService,
    private readonly billing: BillingService,
    private readonly facilities: FacilitiesService,
    private readonly clock: Clock,
  ) {}

  async of(member: { id: string; cbsCode: string; name: string }, staff: SignedInStaff) {
    const now = this.clock.now();
    const today = amsterdamDate(now);
    const all = await this.consultations.list(false);
    const involving = await this.amendments.listInvolving(member.id);
    const open = all.filter((c) => c.status === 'amendments_open' && c.amendmentDeadline && now < c.amendmentDeadline);
    const windows = open.map((c) => {
      const mine = involving.filter((a) => a.consultationId === c.id && a.memberId === member.id && a.status === 'submitted');
      return {
        id: c.id,
        title: c.title,
        deadline: c.amendmentDeadline,
        submitted: mine.map((a) => a.reference).join(', '),
        submittedCount: mine.length,
      };
    });
    const supportAsked = involving
      .filter((a) => a.status === 'submitted' && open.some((c) => c.id === a.consultationId))
      .filter((a) => a.coSponsors.some((s) => s.memberCode === member.cbsCode && !s.confirmed))
      .map((a) => ({ id: a.id, reference: a.reference, kindWord: KIND_WORD[a.kind], submitter: a.memberName }));
    const answered = involving.filter((a) => a.memberId === member.id && a.status === 'submitted' && a.response !== null).length;
    const votes = all.filter((c) => c.status === 'voting_open').map((c) => ({ id: c.id, title: c.title, deadline: c.votingDeadline }));
    const owed = (await this.billing.owedBy(member.id)).map((y) => ({ year: y.year, total: y.total, sources: y.charges.map((c) => c.source).join(', ') }));
    const invoices = await this.billing.invoices({ memberId: member.id }, { page: 1, size: 3, offset: 0 });
    const facilities = (await this.facilities.memberships({ account: staff }))
      .filter((m) => m.lastDay === null || m.lastDay >= today)
      .map((m) => ({ name: m.facilityName, lastDay: m.lastDay }));
    return {
      windows,
      supportAsked,
      answered,
      votes,
      owed,
      invoices: invoices.items.map(invoiceRow),
      invoiceCount: invoices.total,
      facilities,
    };
  }
}
