import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { formFields } from '../pages/form-fields';
import { DomainError, httpStatusOf } from '../platform/http/domain-error';
import { fieldErrorsNl, pageMessage } from '../platform/http/page-messages';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { flattenValidationErrors } from '../platform/http/validation';
import { formatEuroCents } from '../platform/text/dutch-format';
import {
  DissolveDto,
  IndexationDto,
  PollAnswerDto,
  RefuseContractDto,
  RenewArrangementDto,
  SignContractDto,
  SubscriptionYearQueryDto,
} from './dto/subscription-input.dto';
import { formatTariff } from './subscription-money';
import { SubscriptionsService } from './subscriptions.service';

/** Dutch text for the subscription rules the pages show; anything else falls back to the code's text. */
const RULES_NL: [RegExp, (m: RegExpExecArray) => string][] = [
  [/contracts are signed before (.+); this one arrived later/, (m) => `De termijn voor ondertekening is verstreken: tekenen kon tot ${m[1]}.`],
  [
    /is on the exempt list .* it signs the contract without (.+) \(variant reduced\)/,
    (m) => `Uw gemeente organiseert deze dienst zelf en tekent de overeenkomst zonder ${m[1]}.`,
  ],
  [/is not on the exempt list/, () => 'Uw gemeente tekent de overeenkomst met alle aanbieders.'],
  [/was already (signed|refused|dissolved|lapsed)/, () => 'Deze overeenkomst is al beantwoord; een overeenkomst wordt één keer getekend of geweigerd.'],
  [/changed since it was shown/, () => 'De tekst van de overeenkomst is gewijzigd sinds u hem opende. Lees hem opnieuw voordat u tekent.'],
  [/signs for its own municipality only/, () => 'U kunt alleen de overeenkomst van uw eigen gemeente tekenen of weigeren.'],
  [/was (already )?dissolved on (\S+)/, (m) => `De regeling is per ${m[2]} ontbonden.`],
  [
    /a negative indexation \((.+)\) lowers every tariff/,
    (m) => `Een negatieve indexatie (${m[1]}) verlaagt alle tarieven en budgetten: bevestig dat uitdrukkelijk.`,
  ],
  [/the indexation for (\d+) is already set/, (m) => `De indexatie voor ${m[1]} is al vastgesteld.`],
  [/must be a later year of the term \((.+)\)/, (m) => `Kies een later jaar van de looptijd (${m[1]}).`],
  [/index (\d+) first/, (m) => `Stel eerst de indexatie voor ${m[1]} vast.`],
  [
    /has already (signed|refused)/,
    (m) => `Deze gemeente heeft al ${m[1] === 'signed' ? 'getekend' : 'geweigerd'}; de peiling gaat over gemeenten die nog niet hebben geantwoord.`,
  ],
  [/has no contract in this arrangement/, () => 'Deze gemeente heeft geen overeenkomst in deze regeling.'],
  [/already renewed for (\d+-\d+)/, (m) => `De regeling is al verlengd voor ${m[1]}.`],
  [/must be a later vote than the one that created/, () => 'Kies een latere stemming dan die waarmee de regeling is ingesteld.'],
  [/must be (\d+) or later: the new term starts/, (m) => `De nieuwe looptijd begint in ${m[1]}: kies als laatste jaar ${m[1]} of later.`],
];

const FIELDS_NL: Record<string, string> = {
  signatoryName: 'naam ondertekenaar',
  signatoryRole: 'functie',
  reason: 'reden',
  percentage: 'percentage',
  year: 'jaar',
  confirmNegative: 'bevestiging',
  memberCode: 'CBS-code',
  decidedByConsultationId: 'besluit',
  decidedByProposalNumber: 'voorstel',
  referenceDate: 'peildatum',
  lastYear: 'laatste jaar',
  signingDeadline: 'tekentermijn',
  firstInvoiceDate: 'factuurdatum',
  reference: 'kenmerk',
  prefersCollectiveFunding: 'voorkeur',
  expectedSigningDate: 'verwachte datum',
  effectiveOn: 'datum',
  variant: 'variant',
  textSha256: 'tekst',
  confirm: 'bevestiging',
};

function dutchMessage(error: DomainError, path: string): string {
  for (const [pattern, nl] of RULES_NL) {
    const m = pattern.exec(error.message);
    if (m) return nl(m);
  }
  const fields = fieldErrorsNl(error.fieldErrors)
    .map((e) => `${FIELDS_NL[e.field] ?? e.field}: ${e.rule}`)
    .join('; ');
  return fields ? `${pageMessage(error.code, path).message} (${fields})` : pageMessage(error.code, path).message;
}

/** A posted form through the API's own DTO: the same rules, field by field. */
async function validated<T extends object>(dto: new () => T, plain: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(dto, plain);
  const errors = flattenValidationErrors(await validate(instance, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length) throw new DomainError('INVALID_INPUT', errors.map((e) => `${e.field}: ${e.rule}`).join('; '), errors);
  return instance;
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
/** "2,25" or "2.25" -> 2.25; anything else stays text, so the DTO names it. */
const dutchNumber = (value: string | undefined): unknown => {
  const text = blankToUndefined(value);
  return text !== undefined && /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
};

async function attempt(
  response: Response,
  path: string,
  redirect: string | (() => string),
  work: () => Promise<unknown>,
  render: (error: string) => Promise<string>,
): Promise<void> {
  try {
    await work();
    response.redirect(303, typeof redirect === 'string' ? redirect : redirect());
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') throw error;
    response
      .status(httpStatusOf(error.code))
      .type('html')
      .send(await render(dutchMessage(error, path)));
  }
}

const euro = (cents: number | null) => (cents === null ? '–' : formatEuroCents(cents));
const tariff = (hundredths: number | null) => (hundredths === null ? '–' : formatTariff(hundredths));

/** The board's pages for the subscriptions: progress, what-if, poll, reminders, indexation and dissolution. */
@ApiExcludeController()
@Controller('bestuur/abonnementen')
export class SubscriptionBoardPages {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @Can('subscriptions.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list() {
    const arrangements = await this.subscriptions.list();
    return this.renderer.render('subscriptions-board', { title: 'Abonnementen sociaal domein', signedIn: true, arrangements });
  }

  @Get(':id')
  @Can('subscriptions.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async arrangement(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Query('gedaan') done?: string) {
    return this.render(id, staff, null, done ?? null);
  }

  @Post(':id/herinneringen')
  @Can('subscriptions.manage')
  async remind(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Req() request: Request, @Res() response: Response) {
    formFields(request.body);
    await attempt(
      response,
      request.path,
      `/bestuur/abonnementen/${id}?gedaan=herinneringen`,
      () => this.subscriptions.remind(id, staffActor(staff)),
      (error) => this.render(id, staff, error, null),
    );
  }

  @Post(':id/indexatie')
  @Can('subscriptions.decide')
  async index(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    await attempt(
      response,
      request.path,
      `/bestuur/abonnementen/${id}?gedaan=indexatie`,
      async () => {
        const input = await validated(IndexationDto, {
          year: dutchNumber(body.year),
          percentage: dutchNumber(body.percentage),
          ...(body.confirmNegative === 'ja' ? { confirmNegative: true } : {}),
        });
        await this.subscriptions.index(id, input, staffActor(staff));
      },
      (error) => this.render(id, staff, error, null),
    );
  }

  @Post(':id/peiling')
  @Can('subscriptions.manage')
  async poll(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    await attempt(
      response,
      request.path,
      `/bestuur/abonnementen/${id}?gedaan=peiling`,
      async () => {
        const input = await validated(PollAnswerDto, {
          memberCode: blankToUndefined(body.memberCode)?.toUpperCase(),
          prefersCollectiveFunding:
            body.prefersCollectiveFunding === 'ja' ? true : body.prefersCollectiveFunding === 'nee' ? false : body.prefersCollectiveFunding,
          expectedSigningDate: blankToUndefined(body.expectedSigningDate),
          remark: blankToUndefined(body.remark),
        });
        await this.subscriptions.recordPollAnswer(id, input, staffActor(staff));
      },
      (error) => this.render(id, staff, error, null),
    );
  }

  @Post(':id/verlenging')
  @Can('subscriptions.decide')
  async renew(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    let renewal = '';
    await attempt(
      response,
      request.path,
      () => `/bestuur/abonnementen/${renewal}?gedaan=verlenging`,
      async () => {
        const input = await validated(RenewArrangementDto, {
          decidedByConsultationId: blankToUndefined(body.decidedByConsultationId),
          decidedByProposalNumber: dutchNumber(body.decidedByProposalNumber),
          referenceDate: blankToUndefined(body.referenceDate),
          lastYear: dutchNumber(body.lastYear),
          signingDeadline: blankToUndefined(body.signingDeadline)?.replace(' ', 'T'),
          firstInvoiceDate: blankToUndefined(body.firstInvoiceDate),
          percentage: dutchNumber(body.percentage),
          reference: blankToUndefined(body.reference),
          ...(body.confirmNegative === 'ja' ? { confirmNegative: true } : {}),
        });
        renewal = (await this.subscriptions.renew(id, input, staffActor(staff))).id;
      },
      (error) => this.render(id, staff, error, null),
    );
  }

  @Post(':id/ontbinding')
  @Can('subscriptions.decide')
  async dissolve(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    await attempt(
      response,
      request.path,
      `/bestuur/abonnementen/${id}?gedaan=ontbinding`,
      async () => {
        const input = await validated(DissolveDto, { reason: body.reason, effectiveOn: blankToUndefined(body.effectiveOn) });
        await this.subscriptions.dissolve(id, input, staffActor(staff));
      },
      (error) => this.render(id, staff, error, null),
    );
  }

  private async render(id: string, staff: SignedInStaff, error: string | null, done: string | null): Promise<string> {
    const a = await this.subscriptions.get(id);
    const progress = await this.subscriptions.progress(id);
    const breakEven = await this.subscriptions.breakEven(id);
    const poll = await this.subscriptions.poll(id);
    const distribution = a.status === 'open' ? await this.subscriptions.distributionReport(id) : null;
    const DONE: Record<string, string> = {
      herinneringen: 'De herinneringen staan klaar voor verzending (hoogstens één per gemeente per dag).',
      indexatie: 'De indexatie is vastgesteld.',
      peiling: 'Het antwoord op de peiling is vastgelegd.',
      ontbinding: 'De regeling is ontbonden; elke gemeente krijgt een brief.',
      verlenging: 'De regeling is verlengd: dit is de nieuwe looptijd. Elke gemeente tekent de nieuwe overeenkomst opnieuw.',
    };
    const scenario = (s: {
      inhabitants: number;
      breakEvenTariffHundredthsOfCent: number | null;
      aboveStatedHundredthsOfCent: number | null;
      shortfallAtStatedTariffCents: number;
    }) => ({
      inhabitants: s.inhabitants,
      tarief: tariff(s.breakEvenTariffHundredthsOfCent),
      boven:
        s.aboveStatedHundredthsOfCent === null ? '–' : `${s.aboveStatedHundredthsOfCent >= 0 ? '+' : '-'} ${tariff(Math.abs(s.aboveStatedHundredthsOfCent))}`,
      tekort: euro(s.shortfallAtStatedTariffCents),
    });
    return this.renderer.render('subscriptions-arrangement', {
      title: a.title,
      signedIn: true,
      a,
      error,
      done: done ? (DONE[done] ?? null) : null,
      dissolved: a.status === 'dissolved',
      providers: a.providers.map((p) => ({ ...p, years: p.years.map((y) => ({ ...y, budget: euro(y.budgetCents) })) })),
      progress: {
        ...progress,
        signedAmount: euro(progress.signed.amountCents),
        pendingAmount: euro(progress.pending.amountCents),
        refusedAmount: euro(progress.refused.amountCents),
        allAmount: euro(progress.all.amountCents),
        contracts: progress.contracts.map((c) => ({
          ...c,
          amount: euro(c.amountCents),
          variantNl: c.variant === 'full' ? 'alle aanbieders' : 'zonder Luisterend Oor',
        })),
      },
      breakEven: breakEven.providers.map((p) => ({
        name: p.name,
        service: p.service,
        budget: euro(p.budgetCents),
        stated: p.statedTariff,
        everyone: scenario(p.everyone),
        signed: scenario(p.signedSoFar),
        allButRefused: scenario(p.allButRefused),
      })),
      poll,
      distribution: distribution && {
        ...distribution,
        office: euro(distribution.officeCostCents),
        total: euro(distribution.totalCents),
        providers: distribution.providers.map((p) => ({
          ...p,
          collected: euro(p.collectedCents),
          share: euro(p.officeShareCents),
          payable: euro(p.payableCents),
        })),
      },
      canManage: allows(staff.role, 'subscriptions.manage') && a.status === 'open',
      canDecide: allows(staff.role, 'subscriptions.decide') && a.status === 'open',
      nextYear: (a.indexations.at(-1)?.year ?? a.firstYear) + 1,
      canRenew: allows(staff.role, 'subscriptions.decide') && a.status === 'open' && !a.renewedByArrangementId,
      renewal: {
        firstYear: a.lastYear + 1,
        decisions:
          a.renewedByArrangementId || a.status !== 'open' ? [] : (await this.subscriptions.decisionOptions()).filter((d) => d.id !== a.decidedByConsultationId),
      },
    });
  }
}

/** A member official's pages: the own municipality's contracts, to sign or refuse in the browser. */
@ApiExcludeController()
@Controller('gemeente/abonnementen')
export class SubscriptionMemberPages {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @Can('subscriptions.sign')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@CurrentStaff() account: SignedInStaff) {
    const contracts = await this.subscriptions.myContracts(account);
    return this.renderer.render('subscriptions-member', { title: 'Abonnementen van uw gemeente', signedIn: true, account, contracts });
  }

  @Get(':id')
  @Can('subscriptions.sign')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async contract(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() account: SignedInStaff) {
    return this.render(id, account, null, {});
  }

  @Post(':id/tekenen')
  @Can('subscriptions.sign')
  async sign(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() account: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    await attempt(
      response,
      request.path,
      `/gemeente/abonnementen/${id}`,
      async () => {
        if (body.confirm !== 'ja') throw DomainError.invalid('confirm', 'vink aan dat u de overeenkomst namens uw gemeente tekent');
        const input = await validated(SignContractDto, {
          variant: body.variant,
          signatoryName: body.signatoryName,
          signatoryRole: body.signatoryRole,
          textSha256: body.textSha256,
        });
        await this.subscriptions.sign(id, input, account);
      },
      (error) => this.render(id, account, error, body),
    );
  }

  @Post(':id/weigeren')
  @Can('subscriptions.sign')
  async refuse(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() account: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    await attempt(
      response,
      request.path,
      `/gemeente/abonnementen/${id}`,
      async () => {
        const input = await validated(RefuseContractDto, { signatoryName: body.signatoryName, signatoryRole: body.signatoryRole, reason: body.reason });
        await this.subscriptions.refuse(id, input, account);
      },
      (error) => this.render(id, account, error, body),
    );
  }

  private async render(id: string, account: SignedInStaff, error: string | null, typed: Record<string, string | undefined>): Promise<string> {
    const contract = await this.subscriptions.contractFor(id, account);
    return this.renderer.render('subscriptions-contract', {
      title: `Overeenkomst ${contract.memberName}`,
      signedIn: true,
      contract,
      error,
      pending: contract.status === 'pending' && contract.arrangement.status === 'open',
      signed: contract.answer?.answer === 'signed' ? contract.answer : null,
      refused: contract.answer?.answer === 'refused' ? contract.answer : null,
      typed: { signatoryName: typed.signatoryName ?? '', signatoryRole: typed.signatoryRole ?? '', reason: typed.reason ?? '' },
    });
  }
}

/**
 * A provider's pages: read-only, its own part of each arrangement (inhabitants covered, money charged,
 * office share, what it receives), no signatories or contact details of the members.
 */
@ApiExcludeController()
@Controller('aanbieder/abonnementen')
export class SubscriptionProviderPages {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @Can('subscriptions.provider_view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@CurrentStaff() account: SignedInStaff) {
    const arrangements = await this.subscriptions.providerArrangements(account);
    return this.renderer.render('subscriptions-provider', { title: 'Abonnementen: uw organisatie', signedIn: true, account, arrangements });
  }

  @Get(':id')
  @Can('subscriptions.provider_view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async arrangement(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() account: SignedInStaff, @Query() query: SubscriptionYearQueryDto) {
    const view = await this.subscriptions.providerView(id, account, query.year);
    return this.renderer.render('subscriptions-provider-arrangement', {
      title: `${view.provider.name}: ${view.title} ${view.year}`,
      signedIn: true,
      view,
      money: {
        budget: euro(view.budgetCents),
        charged: euro(view.chargedCents),
        officeShare: euro(view.officeShareCents),
        payable: euro(view.payableCents),
        shortfall: euro(view.shortfallCents),
      },
      municipalities: view.municipalities.map((m) => ({ ...m, amount: euro(m.amountCents) })),
    });
  }
}
