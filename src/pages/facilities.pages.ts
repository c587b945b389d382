import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, ShowsViewer } from '../accounts/staff.guard';
import { GiveNoticeDto, JoinFacilityDto } from '../facilities/dto/facility.dto';
import { FacilitiesService, PHASE_NL } from '../facilities/facilities.service';
import { goesByUsers } from '../facilities/facility-tariff';
import { tariffNl } from '../facilities/facility-text';
import { Facility } from '../facilities/facility.entity';
import { MembersService } from '../members/members.service';
import { Clock } from '../platform/clock';
import { DomainError, FieldError, httpStatusOf } from '../platform/http/domain-error';
import { knownNl, pageMessage } from '../platform/http/page-messages';
import { PageRenderer } from '../platform/http/page-renderer';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import { formatDateNl } from '../platform/text/dutch-format';
import { FormBody, formFields } from '../platform/http/form-fields';
import { actionableRefusal, FormMessage, formView, refusalMessages } from '../platform/http/money-form';

const termsNl = (f: Pick<Facility, 'termYears' | 'noticeMonths'>) =>
  `looptijd ${f.termYears} kalenderja${f.termYears === 1 ? 'ar' : 'ren'}, stilzwijgend verlengd; opzeggen uiterlijk ${f.noticeMonths} maand${f.noticeMonths === 1 ? '' : 'en'} voor het einde van de looptijd`;

const FIELD_MESSAGE: Record<string, string> = {
  users: 'Vul het aantal gebruikers in, een heel getal van 0 of meer: het jaartarief hangt daarvan af.',
  joinedOn: 'Vul een ingangsdatum in die bestaat en niet in het verleden ligt.',
  termsVersion: 'De voorwaarden zijn gewijzigd sinds u ze las. Lees ze opnieuw en sluit dan aan.',
  accept: 'Vink aan dat u namens uw gemeente akkoord gaat met de voorwaarden.',
};

/** The service's English rule about leaving, in Dutch. */
function leaveRuleNl(rule: string): string {
  const early = /the earliest last day is (\d{4}-\d{2}-\d{2})/.exec(rule)?.[1] ?? /the earliest is (\d{4}-\d{2}-\d{2})/.exec(rule)?.[1];
  if (/before the term ends/.test(rule) && early)
    return `Opzeggen vóór het einde van de looptijd kan niet: het lidmaatschap eindigt op zijn vroegst op ${formatDateNl(early)}.`;
  if (/last day of a term/.test(rule) && early)
    return `Het lidmaatschap kan alleen eindigen aan het einde van een looptijd (31 december); op zijn vroegst op ${formatDateNl(early)}.`;
  return 'Vul een bestaande datum in als laatste dag, of laat het veld leeg.';
}

/** A refusal that names no field of the form, in Dutch. */
function generalNl(error: DomainError, path: string): string {
  if (error.code === 'DUPLICATE') return 'Uw gemeente is al aangesloten bij deze voorziening.';
  if (/is an initiative/.test(error.message)) return 'Deze voorziening is nog een initiatief; aansluiten kan zodra zij in ontwikkeling is.';
  const ends = /notice was given on (\S+); the membership ends on (\S+)/.exec(error.message);
  if (ends) return `Uw gemeente heeft al opgezegd op ${formatDateNl(ends[1])}; het lidmaatschap eindigt op ${formatDateNl(ends[2])}.`;
  return knownNl(error.message) ?? pageMessage(error.code, path).message;
}

/** The fields of the two forms per facility; their ids start with the facility's code, so two facilities' forms never share one. */
const JOIN_FIELDS = ['joinedOn', 'users', 'accept'] as const;
const NOTICE_FIELDS = ['lastDay'] as const;

/** A refusal of the join or notice form of one facility, at its fields. */
function refusalAt(error: DomainError, code: string, form: 'aansluiten' | 'opzeggen'): FormMessage[] {
  const prefix = `${code}-`;
  const fields: Record<string, string> =
    form === 'aansluiten'
      ? { joinedOn: `${prefix}joinedOn`, users: `${prefix}users`, accept: `${prefix}accept`, termsVersion: `${prefix}accept` }
      : { lastDay: `${prefix}lastDay` };
  return refusalMessages(error, {
    fields,
    fallback: form === 'aansluiten' ? `${prefix}joinedOn` : `${prefix}lastDay`,
    messageOf: (field, rule) => (field === 'lastDay' ? leaveRuleNl(rule) : (FIELD_MESSAGE[field] ?? null)),
    general: (e) => generalNl(e, '/gemeente/voorzieningen'),
  });
}

/** What a member official posted on one facility's form, shown again with the refusal. */
interface PostedFacilityForm {
  code: string;
  form: 'aansluiten' | 'opzeggen';
  typed: Record<string, string>;
  errors: FormMessage[];
}

function validated<T extends object>(type: new () => T, fields: object): T {
  const dto = plainToInstance(type, fields);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((rule) => ({ field: e.property, rule })),
  );
  if (errors.length) throw new DomainError('INVALID_INPUT', errors.map((e) => `${e.field}: ${e.rule}`).join('; '), errors);
  return dto;
}

const text = (body: FormBody, name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');
const wholeNumber = (value: string | undefined) => (value !== undefined && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value);

/** Collective facilities in Dutch, without JavaScript: the public catalogue, a municipality's own page, the board's overview. */
@ApiExcludeController()
@ShowsViewer()
@Controller()
export class FacilitiesPages {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly members: MembersService,
    private readonly renderer: PageRenderer,
    private readonly clock: Clock,
  ) {}

  @Get('voorzieningen')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async catalogue() {
    const facilities = (await this.facilities.catalogue()).map((f) => ({ ...f, phaseNl: PHASE_NL[f.phase], termsNl: termsNl(f) }));
    return this.renderer.render('facilities', { title: 'Gezamenlijke voorzieningen', facilities });
  }

  @Get('voorzieningen/:code')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async facility(@Param('code') code: string) {
    const facility = (await this.facilities.catalogue()).find((f) => f.code === code);
    if (!facility) throw DomainError.notFound('facility', code);
    return this.renderer.render('facility', {
      title: facility.name,
      crumbs: [{ href: '/voorzieningen', label: 'Gezamenlijke voorzieningen' }, { label: facility.name }],
      facility,
      phaseNl: PHASE_NL[facility.phase],
      tariffNl: facility.tariffNl,
      termsNl: termsNl(facility),
      members: facility.members,
    });
  }

  @Get('gemeente/voorzieningen')
  @Can('facilities.join')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async own(@CurrentStaff() account: SignedInStaff, @Query('gedaan') done?: string) {
    const notice = done === 'aangesloten' ? 'Uw gemeente is aangesloten.' : done === 'opgezegd' ? 'De opzegging is vastgelegd.' : null;
    return this.renderOwn(account, null, notice);
  }

  @Post('gemeente/voorzieningen/:code/aansluiten')
  @Can('facilities.join')
  async join(@Param('code') code: string, @Body() posted: unknown, @CurrentStaff() account: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const typed = { joinedOn: text(body, 'joinedOn'), users: text(body, 'users'), accept: text(body, 'accept') };
    try {
      const facility = await this.facilities.getByCode(code);
      let input: JoinFacilityDto | null = null;
      const refused: FieldError[] = [];
      try {
        input = validated(JoinFacilityDto, {
          termsVersion: wholeNumber(body.termsVersion),
          joinedOn: body.joinedOn || undefined,
          users: body.users === undefined || body.users === '' ? undefined : wholeNumber(body.users),
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push(...error.fieldErrors);
      }
      // Every field at once: the official sees all that is missing, not one message per attempt (the
      // service asks for the number of users too, but only after the rest is in order).
      if (input && input.users === undefined && goesByUsers(facility.tariff)) refused.push({ field: 'users', rule: 'is required' });
      if (body.accept !== 'ja') refused.push({ field: 'accept', rule: 'must be ticked' });
      if (refused.length || !input) throw new DomainError('INVALID_INPUT', refused.map((e) => `${e.field}: ${e.rule}`).join('; '), refused);
      await this.facilities.join(facility.id, input, account);
      response.redirect(303, `/gemeente/voorzieningen?gedaan=aangesloten#voorziening-${code}`);
    } catch (error) {
      const errors = this.refusal(error, response, code, 'aansluiten');
      response.send(await this.renderOwn(account, { code, form: 'aansluiten', typed, errors }, null));
    }
  }

  @Post('gemeente/voorzieningen/:code/opzeggen')
  @Can('facilities.join')
  async giveNotice(@Param('code') code: string, @Body() posted: unknown, @CurrentStaff() account: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const typed = { lastDay: text(body, 'lastDay') };
    try {
      const membershipId = body.membershipId ?? '';
      const input = validated(GiveNoticeDto, { lastDay: body.lastDay || undefined });
      const own = (await this.facilities.memberships({ account })).find((m) => m.id === membershipId && m.facilityCode === code);
      if (!own) throw DomainError.notFound('facility membership', membershipId);
      await this.facilities.giveNotice(own.id, input, account);
      response.redirect(303, `/gemeente/voorzieningen?gedaan=opgezegd#voorziening-${code}`);
    } catch (error) {
      const errors = this.refusal(error, response, code, 'opzeggen');
      response.send(await this.renderOwn(account, { code, form: 'opzeggen', typed, errors }, null));
    }
  }

  @Get('bestuur/voorzieningen')
  @Can('facilities.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async board(@Res({ passthrough: true }) response: Response, @Query('jaar') year?: string) {
    // A year that is not one comes back at the field (400) with this year's figures, as a form would.
    const asked = typeof year === 'string' ? year.trim() : '';
    const valid = /^\d{4}$/.test(asked) && Number(asked) >= 2000 && Number(asked) <= 2200;
    const errors = asked !== '' && !valid ? [{ field: 'jaar', message: 'Vul een jaartal in van 2000 tot en met 2200, bijvoorbeeld 2021.' }] : [];
    if (errors.length) response.status(400);
    const chosen = valid ? Number(asked) : this.thisYear();
    const report = await this.facilities.adoption(chosen);
    return this.renderer.render('board-facilities', {
      title: `${errors.length ? 'Fout: ' : ''}Gezamenlijke voorzieningen ${chosen}`,
      signedIn: true,
      errors,
      yearField: { id: 'jaar', value: errors.length ? asked : String(chosen), error: errors[0]?.message ?? null },
      report,
      facilities: report.facilities.map((f) => ({ ...f, phaseNl: PHASE_NL[f.phase] })),
      charges: await this.facilities.facilityCharges(chosen),
    });
  }

  /** The current calendar year in Amsterdam. */
  private thisYear(): number {
    return Number(instantToAmsterdam(this.clock.now()).slice(0, 4));
  }

  /** A refusal the official can act on comes back on the form with its status; anything else goes to the error page. */
  private refusal(error: unknown, response: Response, code: string, form: 'aansluiten' | 'opzeggen'): FormMessage[] {
    const refused = actionableRefusal(error);
    response.status(httpStatusOf(refused.code)).type('html');
    return refusalAt(refused, code, form);
  }

  private async renderOwn(account: SignedInStaff, posted: PostedFacilityForm | null, notice: string | null): Promise<string> {
    if (!account.memberId) throw new DomainError('FORBIDDEN', 'only a member official has a municipality');
    const member = await this.members.get(account.memberId);
    const memberships = await this.facilities.memberships({ account });
    const today = instantToAmsterdam(this.clock.now()).slice(0, 10);
    const year = Number(today.slice(0, 4));
    const costs = [];
    for (const y of [year, year + 1]) {
      const charge = (await this.facilities.facilityCharges(y)).find((c) => c.memberId === member.id);
      if (charge) costs.push(charge);
    }
    const errors = posted?.errors ?? [];
    const facilities = (await this.facilities.catalogue()).map((f) => {
      const mine = posted?.code === f.code ? posted : null;
      return {
        ...f,
        phaseNl: PHASE_NL[f.phase],
        termsNl: termsNl(f),
        tariffNl: tariffNl(f.tariff),
        joinable: f.phase !== 'initiative',
        byUsers: goesByUsers(f.tariff),
        membership: memberships.find((m) => m.facilityId === f.id && (m.lastDay === null || m.lastDay >= today)) ?? null,
        joinForm: formView(JOIN_FIELDS, mine?.form === 'aansluiten' ? mine.typed : { joinedOn: today }, errors, `${f.code}-`),
        joinOpen: mine?.form === 'aansluiten',
        noticeOpen: mine?.form === 'opzeggen',
        accepted: mine?.form === 'aansluiten' && mine.typed.accept === 'ja',
        acceptLabel: `Ik ga namens ${member.name} akkoord met de voorwaarden (versie ${f.termsVersion}), de looptijd en de opzegtermijn.`,
        noticeForm: formView(NOTICE_FIELDS, mine?.form === 'opzeggen' ? mine.typed : {}, errors, `${f.code}-`),
      };
    });
    return this.renderer.render('member-facilities', {
      title: `${errors.length ? 'Fout: ' : ''}Voorzieningen van ${member.name}`,
      signedIn: true,
      crumbs: [{ href: '/gemeente', label: 'Mijn gemeente' }, { label: 'Voorzieningen' }],
      member,
      facilities,
      costs,
      errors,
      notice,
      today,
    });
  }
}
