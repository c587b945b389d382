import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DecisionLettersService } from '../decisions/decision-letters.service';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import { formatDateNl } from '../platform/text/dutch-format';
import { Consultation } from './consultation.entity';
import { ConsultationsService } from './consultations.service';
import { Clock } from '../platform/clock';

/** The letter is drafted this many days before the assembly: a week for the board to edit, three to mail it with the papers. */
export const LETTER_DRAFT_LEAD_DAYS = 28;
/** Who drafted it, in the letter and the audit trail. */
export const LETTER_SWEEP_ACTOR = 'system:stand-van-zaken';

const NOT_YET_HELD: Consultation['status'][] = ['draft', 'amendments_open', 'final_proposals_published', 'voting_open'];

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * In the worker: before each assembly (an ALV or BALV not yet held; its day is the day of its voting
 * deadline, Europe/Amsterdam, since members vote at the assembly) the platform drafts the letter
 * "Stand van zaken moties en resoluties" once, LETTER_DRAFT_LEAD_DAYS ahead. It only reads the
 * consultations; a letter that exists for that day (drafted by the board or earlier by this sweep,
 * edited or published) is left alone, and with nothing to report no letter is drafted.
 */
@Injectable()
export class AssemblyLetterSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly INTERVAL_MS = 15 * 60_000;
  private readonly logger = new Logger(AssemblyLetterSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly consultations: ConsultationsService,
    private readonly letters: DecisionLettersService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), AssemblyLetterSweep.INTERVAL_MS);
  }

  /** Drafts the missing letters of the assemblies within the lead time; returns the kenmerken drafted. */
  async sweep(now = this.clock.now()): Promise<string[]> {
    const drafted: string[] = [];
    try {
      const today = instantToAmsterdam(now).slice(0, 10);
      const horizon = addDays(today, LETTER_DRAFT_LEAD_DAYS);
      const assemblies = (await this.consultations.list(false))
        .filter((c) => (c.kind === 'alv' || c.kind === 'balv') && NOT_YET_HELD.includes(c.status))
        .map((c) => ({ kind: c.kind, day: instantToAmsterdam(c.votingDeadline).slice(0, 10) }))
        .filter((a) => a.day >= today && a.day <= horizon);
      for (const day of new Set(assemblies.map((a) => a.day))) {
        const extraordinary = assemblies.every((a) => a.day !== day || a.kind === 'balv');
        const assembly = `${extraordinary ? 'Buitengewone ALV' : 'ALV'} van ${formatDateNl(day)}`;
        const letter = await this.letters.draftIfMissing({ assembly, assemblyDate: day }, LETTER_SWEEP_ACTOR, now);
        if (letter) {
          this.logger.log(`letter ${letter.reference} drafted for the ${assembly}`);
          drafted.push(letter.reference);
        }
      }
    } catch (error) {
      this.logger.warn(`letter drafting sweep failed: ${(error as Error).message}`);
    }
    return drafted;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
