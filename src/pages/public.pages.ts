import { Controller, Get, Header, Param } from '@nestjs/common';
import { ShowsViewer } from '../accounts/staff.guard';
import { ApiExcludeController } from '@nestjs/swagger';
import { hasPublishedResult } from '../consultations/consultation-phase';
import { ConsultationsService } from '../consultations/consultations.service';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatIntegerNl } from '../platform/text/dutch-format';
import { KIND_NL, outcomeNl, roleNl, statusNl, votingClosedSince } from './view-models';

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
    const list = await this.consultations.list(true);
    return this.renderer.render('home', {
      title: 'Raadplegingen',
      consultations: list.map((c) => ({ ...c, kindNl: KIND_NL[c.kind], statusNl: statusNl(c.status), hasResult: hasPublishedResult(c.status) })),
    });
  }

  @Get('raadplegingen/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async consultation(@Param('id', new UuidPipe('id')) id: string) {
    const c = await this.consultations.get(id, true);
    return this.renderer.render('consultation', {
      title: c.title,
      consultation: c,
      kindNl: KIND_NL[c.kind],
      statusNl: statusNl(c.status),
      votingClosedSince: votingClosedSince(c),
      weightsFrozen: c.votingOpenedAt !== null,
      hasResult: hasPublishedResult(c.status),
    });
  }

  @Get('raadplegingen/:id/stemgewichten')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async weights(@Param('id', new UuidPipe('id')) id: string) {
    const register = await this.consultations.weightRegister(id);
    const c = await this.consultations.get(id, true);
    return this.renderer.render('weights', {
      title: `Stemgewichten: ${c.title}`,
      consultation: c,
      register,
      members: register.members.map((m) => ({ ...m, inhabitantsNl: formatIntegerNl(m.inhabitants) })),
    });
  }

  @Get('raadplegingen/:id/uitslag')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async result(@Param('id', new UuidPipe('id')) id: string) {
    const result = await this.consultations.publishedResult(id);
    return this.renderer.render('result', {
      title: `Uitslag: ${result.title}`,
      result,
      statusNl: statusNl(result.status),
      proposals: result.proposals.map((p) => ({ ...p, outcomeNl: outcomeNl(p.outcome) })),
      votes: result.votes.map((v) => ({ ...v, roleNl: roleNl(v.voterRole) })),
    });
  }
}
