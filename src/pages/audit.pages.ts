import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DateTime } from 'luxon';
import { AccountsService } from '../accounts/accounts.service';
import { Can } from '../accounts/staff.guard';
import { AuditFilter, AuditTrailService } from '../audit/audit-trail.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { Clock } from '../platform/clock';
import { PageRenderer } from '../platform/http/page-renderer';
import { amsterdamToInstant, isCalendarDate } from '../platform/text/amsterdam-time';
import { TIME_ZONE, formatDateNl, formatIntegerNl } from '../platform/text/dutch-format';
import { actionNl, actorNl, chainReportNl, subjectNl } from './audit-labels';
import { FieldMessage, messagesAt } from './page-form';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter as typed in the query string (Dutch names, as the form sends them). */
interface TypedFilter {
  actie: string;
  wie: string;
  onderwerp: string;
  kenmerk: string;
  raadpleging: string;
  van: string;
  tot: string;
}

const text = (query: Record<string, unknown>, name: string, max: number) => (typeof query[name] === 'string' ? query[name].trim().slice(0, max) : '');

/** Where an entry's subject has a page of its own. */
function subjectLink(subjectType: string, subjectId: string): string | null {
  if (!UUID.test(subjectId)) return null;
  if (subjectType === 'member') return `/bestuur/leden/${subjectId}`;
  if (subjectType === 'consultation') return `/bestuur/raadplegingen/${subjectId}`;
  return null;
}

/** The typed filter checked: the filter for the trail, or the messages at the fields. */
function readFilter(typed: TypedFilter): { filter: AuditFilter; errors: FieldMessage[] } {
  const errors: FieldMessage[] = [];
  const filter: AuditFilter = {};
  if (typed.actie) filter.action = typed.actie;
  if (typed.wie) filter.actor = typed.wie;
  if (typed.onderwerp) filter.subjectType = typed.onderwerp;
  if (typed.kenmerk) filter.subjectId = typed.kenmerk;
  if (typed.raadpleging) {
    if (UUID.test(typed.raadpleging)) filter.consultationId = typed.raadpleging.toLowerCase();
    else errors.push({ field: 'raadpleging', message: 'Kies een raadpleging uit de lijst.' });
  }
  const day = (value: string, field: string, label: string) => {
    if (value === '') return null;
    if (isCalendarDate(value)) return value;
    errors.push({ field, message: `Vul ${label} in als een bestaande datum, bijvoorbeeld 2020-06-26.` });
    return null;
  };
  const from = day(typed.van, 'van', 'de eerste dag');
  const until = day(typed.tot, 'tot', 'de laatste dag');
  if (from && until && until < from) errors.push({ field: 'tot', message: 'De laatste dag ligt vóór de eerste dag. Kies een latere laatste dag.' });
  // Days in Amsterdam: from the first day's midnight up to the midnight after the last day.
  if (from) filter.from = amsterdamToInstant(`${from}T00:00`);
  if (until) filter.until = amsterdamToInstant(`${DateTime.fromISO(until, { zone: TIME_ZONE }).plus({ days: 1 }).toISODate()}T00:00`);
  return { filter, errors };
}

/**
 * The audit trail as pages (administrators, the board and auditors): every state change with who,
 * when (Amsterdam time) and what, newest first, paged and filtered in SQL; and the verification of
 * its hash chain.
 */
@ApiExcludeController()
@Controller('bestuur/audit')
export class AuditPages {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly accounts: AccountsService,
    private readonly consultations: ConsultationsService,
    private readonly renderer: PageRenderer,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Can('audit.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const typed: TypedFilter = {
      actie: text(query, 'actie', 100),
      wie: text(query, 'wie', 200),
      onderwerp: text(query, 'onderwerp', 100),
      kenmerk: text(query, 'kenmerk', 100),
      raadpleging: text(query, 'raadpleging', 36),
      van: text(query, 'van', 10),
      tot: text(query, 'tot', 10),
    };
    const { filter, errors } = readFilter(typed);
    const page = typeof query.pagina === 'string' && /^\d{1,6}$/.test(query.pagina) && Number(query.pagina) > 0 ? Number(query.pagina) : 1;
    const kinds = await this.trail.kinds();
    const consultations = await this.consultations.list(false);
    const choices = {
      actions: kinds.actions.map((a) => ({ value: a, label: actionNl(a), selected: a === typed.actie })).sort((a, b) => a.label.localeCompare(b.label, 'nl')),
      subjects: kinds.subjectTypes.map((s) => ({ value: s, label: subjectNl(s), selected: s === typed.onderwerp })),
      consultations: consultations.map((c) => ({ value: c.id, label: c.title, selected: c.id === typed.raadpleging.toLowerCase() })),
    };
    const base = { title: 'Audittrail', signedIn: true, typed, choices, errors, ...messagesAt(errors, ['raadpleging', 'van', 'tot']) };
    if (errors.length) {
      response.status(400);
      return this.renderer.render('bureau-audit', { ...base, result: null });
    }
    const { items, total } = await this.trail.search(filter, { size: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const staffNames = new Map((await this.accounts.list()).map((a) => [a.email, a.name]));
    const filtered = Object.values(typed).some((v) => v !== '');
    const link = (p: number) => {
      const params = new URLSearchParams(Object.entries(typed).filter(([, v]) => v !== ''));
      params.set('pagina', String(p));
      return `/bestuur/audit?${params.toString()}`;
    };
    return this.renderer.render('bureau-audit', {
      ...base,
      result: {
        total,
        totalNl: formatIntegerNl(total),
        filtered,
        period: typed.van || typed.tot ? periodNl(typed.van, typed.tot) : null,
        page,
        pages,
        previous: page > 1 ? link(page - 1) : null,
        next: page < pages ? link(page + 1) : null,
        entries: items.map((e) => ({
          id: e.id,
          occurredAt: e.occurredAt,
          ...actorNl(e.actor, staffNames),
          what: actionNl(e.action),
          action: e.action,
          subject: subjectNl(e.subjectType),
          subjectId: e.subjectId,
          subjectLink: subjectLink(e.subjectType, e.subjectId),
          details: Object.keys(e.details ?? {}).length ? JSON.stringify(e.details, null, 2) : null,
          sealedAs: e.chainSeq,
        })),
      },
    });
  }

  /** "Controle uitvoeren": recomputes the hash chain now (a read: nothing changes, so a GET). */
  @Get('controle')
  @Can('audit.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async verify() {
    const report = await this.trail.verify();
    return this.renderer.render('bureau-audit-verify', {
      title: 'Controle van de audittrail',
      signedIn: true,
      report,
      outcome: chainReportNl(report),
      checkedAt: this.clock.now(),
    });
  }
}

function periodNl(from: string, until: string): string {
  if (from && until) return from === until ? `op ${formatDateNl(from)}` : `van ${formatDateNl(from)} tot en met ${formatDateNl(until)}`;
  return from ? `vanaf ${formatDateNl(from)}` : `tot en met ${formatDateNl(until)}`;
}
