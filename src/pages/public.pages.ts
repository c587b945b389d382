import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ShowsViewer } from '../accounts/staff.guard';
import { ApiExcludeController } from '@nestjs/swagger';
import { hasPublishedResult } from '../consultations/consultation-phase';
import { ConsultationsService } from '../consultations/consultations.service';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatDateTimeNl, formatIntegerNl } from '../platform/text/dutch-format';
import { plainTextToHtml } from '../platform/text/plain-text-html';
import { describeRule } from '../tallies/tallies.service';
import type { NamedVote } from '../tallies/tallies.service';
import type { WeightingScheme } from '../weighting';
import { barChartSvg } from './results-chart';
import { OUTCOME_HEADLINE, outcomeExplanation, pageNumber, phasesOf } from './results-view';
import { KIND_NL, roleNl, statusNl, votingClosedSince } from './view-models';

/** Named votes on the result page, per page (the open-data files have them all). */
const VOTES_PER_PAGE = 100;

const CURRENT_STATUSES = ['final_proposals_published', 'voting_open'];

interface Figures {
  members: number;
  weight: number;
}

/** Dutch pages anyone can open: consultations, the register of voting weights, published results. */
@ApiExcludeController()
@ShowsViewer()
@Controller()
export class PublicPages {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async home() {
    const list = (await this.consultations.list(true)).map((c) => {
      const closed = votingClosedSince(c);
      return {
        id: c.id,
        title: c.title,
        reference: c.reference,
        kindNl: KIND_NL[c.kind],
        statusNl: statusNl(c.status),
        voting: closed
          ? `gesloten op ${formatDateTimeNl(closed)}`
          : `${c.status === 'voting_open' ? 'open' : 'nog niet geopend'}; stemmen kan tot ${formatDateTimeNl(c.votingDeadline)}`,
        current: CURRENT_STATUSES.includes(c.status),
        hasResult: hasPublishedResult(c.status),
      };
    });
    return this.renderer.render('home', {
      title: 'Raadplegingen',
      current: list.filter((c) => c.current),
      finished: list.filter((c) => !c.current),
    });
  }

  @Get('raadplegingen/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async consultation(@Param('id', new UuidPipe('id')) id: string) {
    const c = await this.consultations.get(id, true);
    const closedSince = votingClosedSince(c);
    return this.renderer.render('consultation', {
      title: c.title,
      consultation: c,
      kindNl: KIND_NL[c.kind],
      statusNl: statusNl(c.status),
      votingOpen: c.status === 'voting_open',
      votingClosedSince: closedSince,
      phases: phasesOf(c, closedSince),
      weightsFrozen: c.votingOpenedAt !== null,
      hasResult: hasPublishedResult(c.status),
      proposals: c.proposals.map((p) => ({
        number: p.number,
        title: p.title,
        summaryHtml: p.summary ? plainTextToHtml(p.summary) : '',
        rule: describeRule(p),
        choices: p.choices.map((ch) => ch.label),
      })),
    });
  }

  @Get('raadplegingen/:id/stemgewichten')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async weights(@Param('id', new UuidPipe('id')) id: string) {
    const register = await this.consultations.weightRegister(id);
    const c = await this.consultations.get(id, true);
    const definition = register.scheme.definition;
    const brackets =
      definition.kind === 'brackets'
        ? definition.brackets.map((b, i, all) => ({
            range:
              i + 1 < all.length
                ? `${formatIntegerNl(b.fromInhabitants)} tot en met ${formatIntegerNl(all[i + 1].fromInhabitants - 1)}`
                : `${formatIntegerNl(b.fromInhabitants)} of meer`,
            weight: b.weight,
          }))
        : [];
    return this.renderer.render('weights', {
      title: `Stemgewichten: ${c.title}`,
      consultation: c,
      register,
      schemeNl: schemeNl(definition),
      brackets,
      totalInhabitants: formatIntegerNl(register.members.reduce((s, m) => s + m.inhabitants, 0)),
      members: register.members.map((m) => ({ ...m, inhabitantsNl: formatIntegerNl(m.inhabitants) })),
    });
  }

  @Get('raadplegingen/:id/uitslag')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async result(@Param('id', new UuidPipe('id')) id: string, @Query('pagina') pagina?: unknown) {
    const page = pageNumber(pagina);
    if (page === 'invalid') throw DomainError.invalid('pagina', 'must be a whole number from 1');
    const result = await this.consultations.publishedResult(id, { offset: (page - 1) * VOTES_PER_PAGE, limit: VOTES_PER_PAGE });
    const pages = Math.max(1, Math.ceil(result.votesTotal / VOTES_PER_PAGE));
    if (page > pages) throw DomainError.notFound('page of named votes', String(page));
    const c = await this.consultations.get(id, true);
    const eligible = result.eligible as Figures;
    const turnout = result.turnout as Figures & { membersShare: string; weightShare: string };
    const proposals = result.proposals;
    const open = result.secrecy === 'open';
    return this.renderer.render('result', {
      title: `Uitslag: ${result.title}`,
      result,
      consultation: c,
      kindNl: KIND_NL[c.kind],
      statusNl: statusNl(result.status),
      eligible,
      turnout,
      open,
      proposals: proposals.map((p) => ({
        ...p,
        headline: OUTCOME_HEADLINE[p.outcome],
        // Which of several variants was adopted; a plain for/against question adopts "Voor", which the headline says already.
        adoptedVariant: p.choices.some((ch) => ch.kind === 'variant') ? p.adoptedChoice : null,
        explanation: outcomeExplanation(p, eligible.weight),
        chart: barChartSvg(`uitslag-${p.number}`, `Gewogen stemmen per keuze, voorstel ${p.number}: ${p.title}`, p.choices),
      })),
      votes: open ? namedVoteRows(result.votes, proposals) : [],
      votesTotal: result.votesTotal,
      proposalNumbers: proposals.map((p) => p.number),
      pager: open && pages > 1 ? pager(id, page, pages) : null,
      votesFrom: (page - 1) * VOTES_PER_PAGE + 1,
      votesTo: (page - 1) * VOTES_PER_PAGE + result.votes.length,
    });
  }
}

function schemeNl(definition: WeightingScheme): string {
  switch (definition.kind) {
    case 'one_member_one_vote':
      return 'Elk lid heeft één stem.';
    case 'linear':
      return `Eén stem per ${formatIntegerNl(definition.inhabitantsPerVote)} inwoners (${ROUNDING_NL[definition.rounding]}), met minstens ${definition.minimumWeight}.`;
    case 'square_root':
      return `De wortel uit het aantal inwoners (Penrose, ${definition.rounding === 'down' ? 'naar beneden afgerond' : 'afgerond op het dichtstbijzijnde gehele getal'}), met minstens ${definition.minimumWeight}.`;
    case 'brackets':
      return 'Het aantal stemmen hangt af van het aantal inwoners op de peildatum, volgens de tabel hieronder.';
  }
}

const ROUNDING_NL = { up: 'elk begonnen blok telt', down: 'alleen volle blokken tellen', half_up: 'afgerond op het dichtstbijzijnde gehele getal' };

/** A row of the named votes: the answer to every proposal in its own column (a blank where none). */
function namedVoteRows(votes: NamedVote[], proposals: { number: number; title: string }[]) {
  return votes.map((v) => ({
    ...v,
    roleNl: roleNl(v.voterRole),
    onPaper: v.channel === 'paper',
    answers: proposals.map((p) => ({ heading: `Voorstel ${p.number}`, label: v.answers.find((a) => a.proposalNumber === p.number)?.choiceLabel ?? '' })),
  }));
}

function pager(id: string, page: number, pages: number) {
  const href = (n: number) => `/raadplegingen/${id}/uitslag?pagina=${n}#stemgedrag`;
  return {
    previous: page > 1 ? href(page - 1) : null,
    next: page < pages ? href(page + 1) : null,
    pages: Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: href(i + 1), current: i + 1 === page })),
  };
}
