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
import { DomainError, httpStatusOf } from '../platform/http/domain-error';
import { knownNl, pageMessage, ruleNl } from '../platform/http/page-messages';
import { PageRenderer } from '../platform/http/page-renderer';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import { formatDateNl } from '../platform/text/dutch-format';
import { formFields } from './form-fields';

const termsNl = (f: Pick<Facility, 'termYears' | 'noticeMonths'>) =>
  `looptijd ${f.termYears} kalenderja${f.termYears === 1 ? 'ar' : 'ren'}, stilzwijgend verlengd; opzeggen uiterlijk ${f.noticeMonths} maand${f.noticeMonths === 1 ? '' : 'en'} voor het einde van de looptijd`;

const FIELD_MESSAGE: Record<string, string> = {
  users: 'Vul het aantal gebruikers in: het jaartarief hangt daarvan af.',
  joinedOn: 'Vul een ingangsdatum in die bestaat en niet in het verleden ligt.',
  termsVersion: 'De voorwaarden zijn gewijzigd sinds u ze las. Lees ze opnieuw en sluit dan aan.',
  accept: 'Vink aan dat u namens uw gemeente akkoord gaat met de voorwaarden.',
};

/** The service's English rule about leaving, in Dutch. */
function leaveRuleNl(rule: string): string {
  const early = /the earliest last day is (\d{4}-\d{2}-\d{2})/.exec(rule)?.[1];
  if (/before the term ends/.test(rule))
    return `Opzeggen vóór het einde van de looptijd kan niet: het lidmaatschap eindigt op zijn vroegst op ${formatDateNl(early!)}.`;
  if (/last day of a term/.test(rule))
    return `Het lidmaatschap kan alleen eindigen aan het einde van een looptijd (31 december); op zijn vroegst op ${formatDateNl(early!)}.`;
  return ruleNl(rule);
}

function refusalNl(error: DomainError, path: string): string {
  if (error.code === 'DUPLICATE') return 'Uw gemeente is al aangesloten bij deze voorziening.';
  if (error.fieldErrors.length)
    return error.fieldErrors.map((e) => FIELD_MESSAGE[e.field] ?? (e.field === 'lastDay' ? leaveRuleNl(e.rule) : `${e.field}: ${ruleNl(e.rule)}`)).join(' ');
  return knownNl(error.message) ?? pageMessage(error.code, path).message;
}

function validated<T extends object>(type: new () => T, fields: object): T {
  const dto = plainToInstance(type, fields);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((rule) => ({ field: e.property, rule })),
  );
  if (errors.length) throw new DomainError('INVALID_INPUT', errors.map((e) => `${e.field}: ${e.rule}`).join('; '), errors);
  return dto;
}

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
    try {
      const facility = await this.facilities.getByCode(code);
      if (body.accept !== 'ja') throw new DomainError('INVALID_INPUT', 'accept: must be ticked', [{ field: 'accept', rule: 'must be ticked' }]);
      const input = validated(JoinFacilityDto, {
        termsVersion: wholeNumber(body.termsVersion),
        joinedOn: body.joinedOn || undefined,
        users: body.users === undefined || body.users === '' ? undefined : wholeNumber(body.users),
      });
      await this.facilities.join(facility.id, input, account);
      response.redirect(303, `/gemeente/voorzieningen?gedaan=aangesloten#voorziening-${code}`);
    } catch (error) {
      response.send(await this.renderOwn(account, this.refusal(error, response), null));
    }
  }

  @Post('gemeente/voorzieningen/:code/opzeggen')
  @Can('facilities.join')
  async giveNotice(@Param('code') code: string, @Body() posted: unknown, @CurrentStaff() account: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    try {
      const membershipId = body.membershipId ?? '';
      const input = validated(GiveNoticeDto, { lastDay: body.lastDay || undefined });
      const own = (await this.facilities.memberships({ account })).find((m) => m.id === membershipId && m.facilityCode === code);
      if (!own) throw DomainError.notFound('facility membership', membershipId);
      await this.facilities.giveNotice(own.id, input, account);
      response.redirect(303, `/gemeente/voorzieningen?gedaan=opgezegd#voorziening-${code}`);
    } catch (error) {
      response.send(await this.renderOwn(account, this.refusal(error, response), null));
    }
  }

  @Get('bestuur/voorzieningen')
  @Can('facilities.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async board(@Query('jaar') year?: string) {
    const chosen = year && /^\d{4}$/.test(year) ? Number(year) : this.thisYear();
    if (chosen < 2000 || chosen > 2200) throw DomainError.invalid('jaar', 'must be a year from 2000 to 2200');
    const report = await this.facilities.adoption(chosen);
    return this.renderer.render('board-facilities', {
      title: `Gezamenlijke voorzieningen ${chosen}`,
      signedIn: true,
      report,
      facilities: report.facilities.map((f) => ({ ...f, phaseNl: PHASE_NL[f.phase] })),
      charges: await this.facilities.facilityCharges(chosen),
    });
  }

  /** The current calendar year in Amsterdam. */
  private thisYear(): number {
    return Number(instantToAmsterdam(this.clock.now()).slice(0, 4));
  }

  private refusal(error: unknown, response: Response): string {
    if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
    response.status(httpStatusOf(error.code)).type('html');
    return refusalNl(error, '/gemeente/voorzieningen');
  }

  private async renderOwn(account: SignedInStaff, error: string | null, notice: string | null): Promise<string> {
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
    const facilities = (await this.facilities.catalogue()).map((f) => ({
      ...f,
      phaseNl: PHASE_NL[f.phase],
      termsNl: termsNl(f),
      tariffNl: tariffNl(f.tariff),
      joinable: f.phase !== 'initiative',
      byUsers: goesByUsers(f.tariff),
      membership: memberships.find((m) => m.facilityId === f.id && (m.lastDay === null || m.lastDay >= today)) ?? null,
    }));
    return this.renderer.render('member-facilities', {
      title: `Voorzieningen van ${member.name}`,
      signedIn: true,
      member,
      facilities,
      costs,
      error,
      notice,
      today,
    });
  }
}
