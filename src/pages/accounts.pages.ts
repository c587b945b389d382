import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Response } from 'express';
import { AccountsService, SignedInStaff } from '../accounts/accounts.service';
import { CreateAccountDto } from '../accounts/dto/create-account.dto';
import { ROLES, StaffRole } from '../accounts/staff-account.entity';
import { Can, CurrentStaff, SignedIn, staffActor } from '../accounts/staff.guard';
import { otpauthUrl } from '../accounts/totp';
import { MembersService } from '../members/members.service';
import { Clock } from '../platform/clock';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { amsterdamDate } from '../platform/text/amsterdam-time';
import { formFields, FormBody } from '../platform/http/form-fields';
import { FieldMessage, formErrors, messagesAt, textField } from './page-form';

/** The roles in Dutch, with what each may do, as the administrator chooses one. */
export const ROLE_NL: Record<StaffRole, { label: string; hint: string }> = {
  administrator: { label: 'Beheerder', hint: 'alles, ook accounts beheren' },
  board: { label: 'Bestuur', hint: 'raadplegingen en besluiten, financiën, audittrail' },
  clerk: { label: 'Medewerker bureau', hint: 'ledenregister bijhouden, raadplegingen voorbereiden' },
  auditor: { label: 'Controleur', hint: 'alles lezen, ook de audittrail; niets wijzigen' },
  member_official: { label: 'Ambtenaar van een gemeente', hint: 'amendementen en moties van de eigen gemeente, wat die gemeente betaalt' },
  provider: { label: 'Aanbieder', hint: 'de eigen abonnementen en betalingen lezen' },
};

const ACCOUNT_FIELDS: Record<string, string> = {
  name: 'Vul de naam in (hoogstens 120 tekens).',
  email: 'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.',
  role: 'Kies een rol.',
  password: 'Kies een wachtwoord van minstens 12 en hoogstens 200 tekens.',
  memberCode: 'Kies de gemeente waarvoor deze ambtenaar werkt.',
  provider: 'Vul de naam van de aanbieder in (hoogstens 120 tekens).',
};

const PASSWORD_RULE = /^.{12,200}$/su;

type AccountForm = Record<'name' | 'email' | 'role' | 'memberCode' | 'provider', string>;

/** The two password fields must be the same and long enough; a message per field. */
function passwordErrors(password: string, repeat: string): FieldMessage[] {
  if (!PASSWORD_RULE.test(password)) return [{ field: 'password', message: ACCOUNT_FIELDS.password }];
  if (password !== repeat) return [{ field: 'passwordRepeat', message: 'Herhaal hetzelfde wachtwoord: de twee wachtwoorden zijn niet gelijk.' }];
  return [];
}

/** A refusal of the accounts service at its field, in Dutch. */
function accountRefusal(error: DomainError): FieldMessage[] {
  if (error.code === 'DUPLICATE') return [{ field: 'email', message: 'Er is al een account met dit e-mailadres.' }];
  return error.fieldErrors.map((e) => ({
    field: e.field,
    message:
      e.field === 'memberCode' && /is not a member/.test(e.rule)
        ? 'Deze gemeente is geen lid van de vereniging.'
        : e.field === 'password'
          ? ACCOUNT_FIELDS.password
          : (ACCOUNT_FIELDS[e.field] ?? 'Dit klopt niet.'),
  }));
}

/**
 * The administrator's account pages: every account with its role, municipality or provider and
 * whether it signs in with one-time codes; creating an account; restoring someone's access.
 */
@ApiExcludeController()
@Controller('bestuur/accounts')
export class AccountsPages {
  constructor(
    private readonly accounts: AccountsService,
    private readonly members: MembersService,
    private readonly renderer: PageRenderer,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Can('accounts.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@Query('aangemaakt') created: unknown, @Query('hersteld') restored: unknown) {
    const all = await this.accounts.overview();
    const memberNames = await this.memberNames(all.map((a) => a.memberId));
    const named = (id: unknown) => (typeof id === 'string' ? (all.find((a) => a.id === id) ?? null) : null);
    return this.renderer.render('bureau-accounts', {
      title: 'Accounts',
      signedIn: true,
      created: named(created),
      restored: named(restored),
      accounts: all.map((a) => ({
        ...a,
        roleNl: ROLE_NL[a.role].label,
        forWhom: a.memberId ? (memberNames.get(a.memberId) ?? 'onbekende gemeente') : a.provider,
      })),
    });
  }

  @Get('nieuw')
  @Can('accounts.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async newAccount() {
    return this.renderNew({ name: '', email: '', role: '', memberCode: '', provider: '' }, []);
  }

  @Post('nieuw')
  @Can('accounts.manage')
  async create(@Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const typed: AccountForm = {
      name: textField(body, 'name'),
      email: textField(body, 'email'),
      role: textField(body, 'role'),
      memberCode: textField(body, 'memberCode'),
      provider: textField(body, 'provider'),
    };
    const password = rawField(body, 'password');
    const dto = plainToInstance(CreateAccountDto, {
      ...typed,
      password,
      memberCode: typed.memberCode || undefined,
      provider: typed.provider || undefined,
    });
    const errors = formErrors(dto, ACCOUNT_FIELDS).filter((e) => e.field !== 'password');
    errors.push(...passwordErrors(password, rawField(body, 'passwordRepeat')));
    const role = ROLES.includes(typed.role as StaffRole) ? (typed.role as StaffRole) : null;
    if (role === 'member_official' && !typed.memberCode && !errors.some((e) => e.field === 'memberCode'))
      errors.push({ field: 'memberCode', message: ACCOUNT_FIELDS.memberCode });
    if (role && role !== 'member_official' && typed.memberCode)
      errors.push({ field: 'memberCode', message: 'Laat de gemeente leeg: alleen een ambtenaar van een gemeente hoort bij een gemeente.' });
    if (role === 'provider' && !typed.provider && !errors.some((e) => e.field === 'provider'))
      errors.push({ field: 'provider', message: 'Vul de naam van de aanbieder in, zoals "Stichting De Kindertelefoon".' });
    if (role && role !== 'provider' && typed.provider)
      errors.push({ field: 'provider', message: 'Laat de aanbieder leeg: alleen een account van een aanbieder hoort bij een aanbieder.' });
    if (!errors.length) {
      try {
        const account = await this.accounts.create(dto, staffActor(staff));
        response.redirect(303, `/bestuur/accounts?aangemaakt=${account.id}`);
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || !['INVALID_INPUT', 'DUPLICATE'].includes(error.code)) throw error;
        errors.push(...accountRefusal(error));
        response
          .status(error.code === 'DUPLICATE' ? 409 : 400)
          .type('html')
          .send(await this.renderNew(typed, errors));
        return;
      }
    }
    response
      .status(400)
      .type('html')
      .send(await this.renderNew(typed, sortedLike(errors, ['name', 'email', 'role', 'memberCode', 'provider', 'password', 'passwordRepeat'])));
  }

  @Get(':id/toegang')
  @Can('accounts.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async resetForm(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff) {
    return this.renderReset(await this.account(id), staff, []);
  }

  /** A new password, one-time codes off and every session ended (as `npm run account:reset` does from the shell). */
  @Post(':id/toegang')
  @Can('accounts.manage')
  async reset(@Param('id', new UuidPipe('id')) id: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const account = await this.account(id);
    const password = rawField(body, 'password');
    const errors = passwordErrors(password, rawField(body, 'passwordRepeat'));
    if (errors.length) {
      response
        .status(400)
        .type('html')
        .send(this.renderReset(account, staff, errors));
      return;
    }
    await this.accounts.resetAccess(account.email, password, staffActor(staff));
    response.redirect(303, account.id === staff.id ? '/bestuur/inloggen' : `/bestuur/accounts?hersteld=${account.id}`);
  }

  private async account(id: string) {
    const account = (await this.accounts.overview()).find((a) => a.id === id);
    if (!account) throw DomainError.notFound('account', id);
    return account;
  }

  private renderReset(account: Awaited<ReturnType<AccountsPages['account']>>, staff: SignedInStaff, errors: FieldMessage[]): string {
    return this.renderer.render('bureau-account-reset', {
      title: `Toegang herstellen: ${account.name}`,
      signedIn: true,
      account: { ...account, roleNl: ROLE_NL[account.role].label },
      own: account.id === staff.id,
      errors,
      ...messagesAt(errors, ['password', 'passwordRepeat']),
    });
  }

  private async renderNew(form: AccountForm, errors: FieldMessage[]): Promise<string> {
    const members = await this.members.listOn(amsterdamDate(this.clock.now()));
    return this.renderer.render('bureau-account-new', {
      title: 'Account aanmaken',
      signedIn: true,
      form,
      errors,
      roles: ROLES.map((value) => ({ value, ...ROLE_NL[value], checked: value === form.role })),
      members: [...members]
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
        .map((m) => ({ code: m.cbsCode, name: m.name, selected: m.cbsCode === form.memberCode })),
      ...messagesAt(errors, ['name', 'email', 'role', 'memberCode', 'provider', 'password', 'passwordRepeat']),
    });
  }

  /** Names of the municipalities the member officials act for (also of members that have since left). */
  private async memberNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const names = new Map((await this.members.listOn(amsterdamDate(this.clock.now()))).map((m) => [m.id, `${m.name} (${m.cbsCode})`]));
    for (const id of new Set(ids)) {
      if (id && !names.has(id)) {
        const member = await this.members.get(id);
        names.set(id, `${member.name} (${member.cbsCode})`);
      }
    }
    return names;
  }
}

/** A password as typed: spaces at either end are part of it, and a list or a missing field is empty. */
function rawField(body: FormBody, name: string): string {
  const value: unknown = body[name];
  return typeof value === 'string' ? value : '';
}

/** The summary lists the messages in the order of the form. */
function sortedLike(errors: FieldMessage[], order: string[]): FieldMessage[] {
  return [...errors].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** Groups a base32 secret in fours for typing: "JBSW Y3DP EHPK 3PXP". */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Anyone's own account (*mijn account*): who they are signed in as, and one-time codes (TOTP): a
 * secret shown once with its otpauth link, switched on only when a first code from the app is right.
 */
@ApiExcludeController()
@Controller('account')
export class MyAccountPages {
  constructor(
    private readonly accounts: AccountsService,
    private readonly members: MembersService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @SignedIn()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async mine(@CurrentStaff() staff: SignedInStaff, @Query('codes') codes: unknown) {
    const member = staff.memberId ? await this.members.get(staff.memberId) : null;
    return this.renderer.render('bureau-my-account', {
      title: 'Mijn account',
      signedIn: true,
      staff,
      roleNl: ROLE_NL[staff.role].label,
      member,
      oneTimeCodes: await this.accounts.hasOneTimeCodes(staff.id),
      justTurnedOn: codes === 'aan',
    });
  }

  /** A fresh secret each time the page opens; nothing is stored until the first code is confirmed. */
  @Get('eenmalige-codes')
  @SignedIn()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async setUp(@CurrentStaff() staff: SignedInStaff) {
    return this.renderSetUp(staff, this.accounts.proposeTotp(staff).secret, []);
  }

  @Post('eenmalige-codes')
  @SignedIn()
  @Header('Cache-Control', 'no-store')
  async confirm(@Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const secret = textField(body, 'secret');
    const code = textField(body, 'code').replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      const message = 'Vul de zes cijfers in die uw authenticator-app nu toont.';
      response
        .status(400)
        .type('html')
        .send(await this.renderSetUp(staff, secret, [{ field: 'code', message }]));
      return;
    }
    try {
      await this.accounts.confirmTotp(staff, secret, code);
      response.redirect(303, '/account?codes=aan');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'INVALID_INPUT') throw error;
      const badSecret = error.fieldErrors.some((e) => e.field === 'secret');
      const errors = badSecret
        ? [{ field: 'code', message: 'Deze sleutel komt niet van deze pagina. Zet de nieuwe sleutel hieronder in uw app en vul de code in.' }]
        : [
            {
              field: 'code',
              message:
                'Deze code klopt niet. Controleer of de sleutel goed in de app staat en of de klok van uw telefoon gelijk loopt, en vul de nieuwe code in.',
            },
          ];
      response
        .status(422)
        .type('html')
        .send(await this.renderSetUp(staff, badSecret ? this.accounts.proposeTotp(staff).secret : secret, errors));
    }
  }

  private async renderSetUp(staff: SignedInStaff, secret: string, errors: FieldMessage[]): Promise<string> {
    const proposal = /^[A-Z2-7]{32}$/.test(secret) ? secret : this.accounts.proposeTotp(staff).secret;
    return this.renderer.render('bureau-one-time-codes', {
      title: 'Eenmalige codes instellen',
      signedIn: true,
      staff,
      alreadyOn: await this.accounts.hasOneTimeCodes(staff.id),
      secret: proposal,
      secretGrouped: groupedSecret(proposal),
      otpauthUrl: otpauthUrl(proposal, staff.email),
      errors,
      ...messagesAt(errors, ['code']),
    });
  }
}
