import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { formFields } from '../platform/http/form-fields';
import { actionableRefusal, FormMessage, formView, refusalMessages } from '../platform/http/money-form';
import { paging } from '../platform/http/money-paging';
import { DomainError, FieldError, httpStatusOf } from '../platform/http/domain-error';
import { pageMessage } from '../platform/http/page-messages';
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

/** The Dutch message at each field of these forms, where no known rule says more. */
const FIELD_MESSAGE: Record<string, string> = {
  year: 'Vul een jaar van de looptijd in, bijvoorbeeld 2019.',
  percentage: 'Vul een percentage in met hoogstens twee decimalen, bijvoorbeeld 2,25.',
  confirmNegative: 'Vink aan dat een negatieve indexatie bedoeld is.',
  memberCode: 'Vul de CBS-code van een gemeente in: GM en vier cijfers, bijvoorbeeld GM0855.',
  prefersCollectiveFunding: 'Kies ja of nee.',
  expectedSigningDate: 'Vul een bestaande datum in als jjjj-mm-dd, of laat het veld leeg.',
  remark: 'De opmerking is te lang (hoogstens 4.000 tekens).',
  decidedByConsultationId: 'Kies het besluit: een stemming waarvan de uitslag is gepubliceerd.',
  decidedByProposalNumber: 'Vul het nummer in van het aangenomen voorstel, bijvoorbeeld 1.',
  referenceDate: 'Vul de peildatum in als jjjj-mm-dd, bijvoorbeeld 2019-01-01.',
  lastYear: 'Vul het laatste jaar van de nieuwe looptijd in, bijvoorbeeld 2023.',
  signingDeadline: 'Vul de tekentermijn in als jjjj-mm-dd uu:mm, bijvoorbeeld 2019-06-01 12:00.',
  firstInvoiceDate: 'Vul de factuurdatum in als jjjj-mm-dd, bijvoorbeeld 2019-12-01.',
  reference: 'Het kenmerk is te lang (hoogstens 60 tekens).',
  effectiveOn: 'Vul de datum van de ontbinding in als jjjj-mm-dd, bijvoorbeeld 2017-06-02.',
  signatoryName: 'Vul de naam van de ondertekenaar in (hoogstens 120 tekens).',
  signatoryRole: 'Vul de functie van de ondertekenaar in, bijvoorbeeld wethouder (hoogstens 120 tekens).',
  confirm: 'Vink aan dat u de overeenkomst namens uw gemeente tekent.',
};

/**
 * The forms of these pages: the fields a person fills in (ids `<form>-<field>`), and for a refused
 * field the person cannot see (a hidden field, or a rule about the whole form) the field it is shown at.
 */
const FORMS = {
  herinneringen: { fields: ['herinneringen'], hidden: {} },
  indexatie: { fields: ['year', 'percentage', 'confirmNegative'], hidden: {} },
  peiling: { fields: ['memberCode', 'prefersCollectiveFunding', 'expectedSigningDate', 'remark'], hidden: {} },
  verlenging: {
    fields: [
      'decidedByConsultationId',
      'decidedByProposalNumber',
      'referenceDate',
      'lastYear',
      'percentage',
      'confirmNegative',
      'signingDeadline',
      'firstInvoiceDate',
      'reference',
    ],
    hidden: { title: 'reference' },
  },
  ontbinding: { fields: ['reason', 'effectiveOn'], hidden: { decidedByConsultationId: 'reason', decidedByProposalNumber: 'reason' } },
  tekenen: { fields: ['signatoryName', 'signatoryRole', 'confirm'], hidden: { variant: 'confirm', textSha256: 'confirm', signingDeadline: 'confirm' } },
  weigeren: { fields: ['signatoryName', 'signatoryRole', 'reason'], hidden: { signingDeadline: 'reason' } },
} as const satisfies Record<string, { fields: readonly string[]; hidden: Record<string, string> }>;
type FormName = keyof typeof FORMS;

function knownRuleNl(text: string): string | null {
  for (const [pattern, nl] of RULES_NL) {
    const m = pattern.exec(text);
    if (m) return nl(m);
  }
  return null;
}

/** A refusal of one of these forms as messages at its fields, in Dutch. */
function refusalAt(error: DomainError, form: FormName, path: string): FormMessage[] {
  const { fields, hidden } = FORMS[form];
  const at = (field: string) => `${form}-${field}`;
  return refusalMessages(error, {
    fields: {
      ...Object.fromEntries(fields.map((f: string) => [f, at(f)])),
      ...Object.fromEntries(Object.entries(hidden as Record<string, string>).map(([f, shown]) => [f, at(shown)])),
    },
    fallback: at(fields[0]),
    messageOf: (field, rule) => {
      // The message may say more than the rule (the deadline, the exempt services), but only when it is about this field alone.
      const known = knownRuleNl(rule) ?? (error.fieldErrors.length === 1 ? knownRuleNl(error.message) : null);
      if (known) return known;
      if (field === 'reason') return form === 'weigeren' ? 'Vul de reden in waarom uw gemeente niet tekent.' : 'Vul de reden van de ontbinding in.';
      return FIELD_MESSAGE[field] ?? null;
    },
    general: (e) => knownRuleNl(e.message) ?? pageMessage(e.code, path).message,
  });
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

/** Runs a form's work and answers 303; a refusal the person can act on comes back on the page, at the form's fields. */
async function attempt(
  response: Response,
  path: string,
  form: FormName,
  redirect: string | (() => string),
  work: () => Promise<unknown>,
  render: (errors: FormMessage[]) => Promise<string>,
): Promise<void> {
  try {
    await work();
    response.redirect(303, typeof redirect === 'string' ? redirect : redirect());
  } catch (error) {
    const refused = actionableRefusal(error);
    response
      .status(httpStatusOf(refused.code))
      .type('html')
      .send(await render(refusalAt(refused, form, path)));
  }
}

/** What was typed in a form, to show it again with its refusal (hidden fields and the form token left out). */
function typedIn(body: Record<string, string | undefined>, form: FormName): Record<string, string> {
  return Object.fromEntries(FORMS[form].fields.map((f: string) => [f, typeof body[f] === 'string' ? body[f].trim() : '']));
}

/** A refusal whose form is not on the page (the contract was answered, the arrangement dissolved) points at the status line. */
const atShownForms = (errors: FormMessage[], shown: (form: string) => boolean): FormMessage[] =>
  errors.map((e) => (shown(e.field.split('-')[0]) ? e : { ...e, field: 'stand' }));

/** What was posted on a page's form, shown again with the refusal. */
interface PostedForm {
  form: FormName;
  typed: Record<string, string>;
  errors: FormMessage[];
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
  async arrangement(
    @Param('id', new UuidPipe('id')) id: string,
    @CurrentStaff() staff: SignedInStaff,
    @Query('gedaan') done?: string,
    @Query('pagina') pagina?: string,
  ) {
    return this.render(id, staff, null, done ?? null, pagina);
  }

  @Post(':id/herinneringen')
  @Can('subscriptions.manage')
  async remind(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Req() request: Request, @Res() response: Response) {
    formFields(request.body);
    await attempt(
      response,
      request.path,
      'herinneringen',
      `/bestuur/abonnementen/${id}?gedaan=herinneringen`,
      () => this.subscriptions.remind(id, staffActor(staff)),
      (errors) => this.render(id, staff, { form: 'herinneringen', typed: {}, errors }, null),
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
      'indexatie',
      `/bestuur/abonnementen/${id}?gedaan=indexatie`,
      async () => {
        const input = await validated(IndexationDto, {
          year: dutchNumber(body.year),
          percentage: dutchNumber(body.percentage),
          ...(body.confirmNegative === 'ja' ? { confirmNegative: true } : {}),
        });
        await this.subscriptions.index(id, input, staffActor(staff));
      },
      (errors) => this.render(id, staff, { form: 'indexatie', typed: typedIn(body, 'indexatie'), errors }, null),
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
      'peiling',
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
      (errors) => this.render(id, staff, { form: 'peiling', typed: typedIn(body, 'peiling'), errors }, null),
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
      'verlenging',
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
      (errors) => this.render(id, staff, { form: 'verlenging', typed: typedIn(body, 'verlenging'), errors }, null),
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
      'ontbinding',
      `/bestuur/abonnementen/${id}?gedaan=ontbinding`,
      async () => {
        const input = await validated(DissolveDto, { reason: body.reason, effectiveOn: blankToUndefined(body.effectiveOn) });
        await this.subscriptions.dissolve(id, input, staffActor(staff));
      },
      (errors) => this.render(id, staff, { form: 'ontbinding', typed: typedIn(body, 'ontbinding'), errors }, null),
    );
  }

  private async render(id: string, staff: SignedInStaff, posted: PostedForm | null, done: string | null, pagina?: string): Promise<string> {
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
    const contractsPage = paging(pagina, progress.contracts.length, (p) => `/bestuur/abonnementen/${id}?pagina=${p}#gemeenten`);
    const canManage = allows(staff.role, 'subscriptions.manage') && a.status === 'open';
    const canDecide = allows(staff.role, 'subscriptions.decide') && a.status === 'open';
    const canRenew = canDecide && !a.renewedByArrangementId;
    const shown: Record<string, boolean> = { herinneringen: canManage, peiling: canManage, indexatie: canDecide, ontbinding: canDecide, verlenging: canRenew };
    const errors = atShownForms(posted?.errors ?? [], (form) => shown[form] ?? false);
    const nextYear = (a.indexations.at(-1)?.year ?? a.firstYear) + 1;
    const typed = (form: FormName, defaults: Record<string, string> = {}) => (posted?.form === form ? posted.typed : defaults);
    const decisions =
      a.renewedByArrangementId || a.status !== 'open' ? [] : (await this.subscriptions.decisionOptions()).filter((d) => d.id !== a.decidedByConsultationId);
    const renewal = formView(FORMS.verlenging.fields, typed('verlenging', { decidedByProposalNumber: '1' }), errors, 'verlenging-');
    return this.renderer.render('subscriptions-arrangement', {
      title: `${errors.length ? 'Fout: ' : ''}${a.title}`,
      signedIn: true,
      crumbs: [{ href: '/bestuur/abonnementen', label: 'Abonnementen sociaal domein' }, { label: a.reference ? `Regeling ${a.reference}` : a.title }],
      a,
      errors,
      contractsPage,
      remindError: errors.find((e) => e.field === 'herinneringen-herinneringen')?.message ?? null,
      forms: {
        indexatie: formView(FORMS.indexatie.fields, typed('indexatie', { year: String(nextYear) }), errors, 'indexatie-'),
        peiling: formView(FORMS.peiling.fields, typed('peiling'), errors, 'peiling-'),
        verlenging: renewal,
        ontbinding: formView(FORMS.ontbinding.fields, typed('ontbinding'), errors, 'ontbinding-'),
      },
      checked: {
        indexatieNegative: typed('indexatie').confirmNegative === 'ja',
        verlengingNegative: typed('verlenging').confirmNegative === 'ja',
        peilingJa: typed('peiling').prefersCollectiveFunding === 'ja',
        peilingNee: typed('peiling').prefersCollectiveFunding === 'nee',
      },
      done: done ? (DONE[done] ?? null) : null,
      dissolved: a.status === 'dissolved',
      providers: a.providers.map((p) => ({ ...p, years: p.years.map((y) => ({ ...y, budget: euro(y.budgetCents) })) })),
      progress: {
        ...progress,
        signedAmount: euro(progress.signed.amountCents),
        pendingAmount: euro(progress.pending.amountCents),
        refusedAmount: euro(progress.refused.amountCents),
        allAmount: euro(progress.all.amountCents),
        contracts: progress.contracts.slice(contractsPage.offset, contractsPage.offset + contractsPage.size).map((c) => ({
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
      canManage,
      canDecide,
      canRenew,
      renewal: {
        firstYear: a.lastYear + 1,
        percentageLabel: `Indexatie ten opzichte van ${a.lastYear} (%)`,
        decisions: decisions.map((d) => ({ ...d, selected: d.id === renewal.decidedByConsultationId.value })),
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
    return this.renderer.render('subscriptions-member', {
      title: 'Abonnementen van uw gemeente',
      signedIn: true,
      crumbs: [{ href: '/gemeente', label: 'Mijn gemeente' }, { label: 'Abonnementen' }],
      account,
      contracts,
    });
  }

  @Get(':id')
  @Can('subscriptions.sign')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async contract(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() account: SignedInStaff, @Query('gedaan') done?: string) {
    return this.render(id, account, null, done ?? null);
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
      'tekenen',
      `/gemeente/abonnementen/${id}?gedaan=getekend`,
      async () => {
        // Every field at once: the official sees all that is missing, not one message per attempt.
        let input: SignContractDto | null = null;
        const refused: FieldError[] = [];
        try {
          input = await validated(SignContractDto, {
            variant: body.variant,
            signatoryName: body.signatoryName,
            signatoryRole: body.signatoryRole,
            textSha256: body.textSha256,
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          refused.push(...error.fieldErrors);
        }
        if (body.confirm !== 'ja') refused.push({ field: 'confirm', rule: 'must be ticked: the official signs on behalf of its municipality' });
        if (refused.length || !input) throw new DomainError('INVALID_INPUT', refused.map((e) => `${e.field}: ${e.rule}`).join('; '), refused);
        await this.subscriptions.sign(id, input, account);
      },
      (errors) =>
        this.render(id, account, { form: 'tekenen', typed: { ...typedIn(body, 'tekenen'), confirm: body.confirm === 'ja' ? 'ja' : '' }, errors }, null),
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
      'weigeren',
      `/gemeente/abonnementen/${id}?gedaan=geweigerd`,
      async () => {
        const input = await validated(RefuseContractDto, { signatoryName: body.signatoryName, signatoryRole: body.signatoryRole, reason: body.reason });
        await this.subscriptions.refuse(id, input, account);
      },
      (errors) => this.render(id, account, { form: 'weigeren', typed: typedIn(body, 'weigeren'), errors }, null),
    );
  }

  private async render(id: string, account: SignedInStaff, posted: PostedForm | null, done: string | null): Promise<string> {
    const contract = await this.subscriptions.contractFor(id, account);
    const pending = contract.status === 'pending' && contract.arrangement.status === 'open';
    const errors = atShownForms(posted?.errors ?? [], () => pending);
    const typed = (form: FormName) => (posted?.form === form ? posted.typed : {});
    return this.renderer.render('subscriptions-contract', {
      title: `${errors.length ? 'Fout: ' : ''}Overeenkomst ${contract.memberName}`,
      signedIn: true,
      crumbs: [{ href: '/gemeente', label: 'Mijn gemeente' }, { href: '/gemeente/abonnementen', label: 'Abonnementen' }, { label: contract.arrangement.title }],
      contract,
      errors,
      done:
        done === 'getekend'
          ? 'De overeenkomst is getekend. De gemeentesecretaris krijgt een bevestiging per e-mail.'
          : done === 'geweigerd'
            ? 'Uw weigering is vastgelegd.'
            : null,
      pending,
      signed: contract.answer?.answer === 'signed' ? contract.answer : null,
      refused: contract.answer?.answer === 'refused' ? contract.answer : null,
      sign: formView(FORMS.tekenen.fields, typed('tekenen'), errors, 'tekenen-'),
      confirmed: typed('tekenen').confirm === 'ja',
      confirmLabel: `Ik heb de tekst hierboven gelezen en teken deze overeenkomst namens de gemeente ${contract.memberName}.`,
      refuse: formView(FORMS.weigeren.fields, typed('weigeren'), errors, 'weigeren-'),
      refuseOpen: posted?.form === 'weigeren',
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
  async arrangement(
    @Param('id', new UuidPipe('id')) id: string,
    @CurrentStaff() account: SignedInStaff,
    @Query() query: SubscriptionYearQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    // A year of the term without tariffs yet comes back at the year field (400), with the first year's figures.
    let errors: FormMessage[] = [];
    let view;
    try {
      view = await this.subscriptions.providerView(id, account, query.year);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'INVALID_INPUT' || query.year === undefined) throw error;
      errors = [{ field: 'year', message: `Voor ${query.year} zijn nog geen tarieven vastgesteld. Kies een ander jaar.` }];
      response.status(400);
      view = await this.subscriptions.providerView(id, account);
    }
    const term = (await this.subscriptions.providerArrangements(account)).find((a) => a.arrangementId === id);
    const years = term ? Array.from({ length: term.lastYear - term.firstYear + 1 }, (_, i) => term.firstYear + i) : [view.year];
    const asked = query.year ?? view.year;
    return this.renderer.render('subscriptions-provider-arrangement', {
      title: `${errors.length ? 'Fout: ' : ''}${view.provider.name}: ${view.title} ${view.year}`,
      signedIn: true,
      crumbs: [{ href: '/aanbieder/abonnementen', label: 'Abonnementen' }, { label: `${view.title} ${view.year}` }],
      errors,
      yearField: { id: 'year', value: String(asked), error: errors[0]?.message ?? null },
      years: years.map((y) => ({ year: y, selected: y === asked })),
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
