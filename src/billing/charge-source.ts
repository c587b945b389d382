import { Injectable } from '@nestjs/common';

/**
 * What an arrangement charges one member for a year: lines in euro cents, each explained the way the
 * invoice letter shows it, with the vote that set the figure where there is one.
 */
export interface ChargeLine {
  /** "Contributie 2021". */
  description: string;
  /** How the amount follows: "48.654 inwoners × € 1,33 (klasse 25.000 tot 200.000)". */
  explanation: string;
  /** Euro cents, not negative. */
  amountCents: bigint;
  /** The vote behind the figure ("ALV juni 2020, voorstel 3: Geamendeerd voorstel (2,9%)") and its result page; null when decided elsewhere. */
  decidedBy: { text: string; path: string } | null;
}

export interface MemberCharge {
  memberId: string;
  lines: ChargeLine[];
  /**
   * The source's own split of this member's total, for a source with `invoiceTermsFor`: one amount per
   * due date of the terms, in order, adding up to the lines exactly (billing checks it).
   */
  instalmentsCents?: bigint[];
  /** What within the source this charge comes from (a subscription arrangement's id), kept on the invoice; absent for a source with one arrangement. */
  reference?: string;
}

/** A source's own invoice terms for a year: the invoice date and the instalments' due dates, and the rule that splits the total. */
export interface InvoiceTerms {
  /** The invoice date (YYYY-MM-DD), e.g. 1 December before the subscription year. */
  issuedOn: string;
  /** Due date of each instalment (YYYY-MM-DD), in order. */
  dueDates: string[];
  /** The named rule that splits each total ("INSTALMENT_SPLIT: de helft naar beneden afgerond, de tweede termijn neemt de rest"). */
  splitRule: string;
}

/**
 * A financial arrangement that billing invoices yearly (a *charge source*): the contribution and the
 * collective fund here; social-domain subscriptions and collective facilities plug in the same way.
 * A module registers its source once, from its own provider:
 *
 *   constructor(sources: ChargeSources) { sources.register(this); }
 *
 * and imports BillingModule; billing itself never changes for a new source.
 */
export interface ChargeSource {
  /** Stable key, lower case ("contribution", "collective-fund", "subscriptions"): part of the run's identity. */
  readonly key: string;
  /** Dutch label for pages and letters ("Contributie"). */
  readonly label: string;
  /**
   * Where the source stands in every list of sources (the run form's choice, whose first is the default;
   * the member's overview; the refusal naming the keys), lowest first; a source without one comes after
   * those with one, in the order registered. Stated, because the order in which NestJS instantiates the
   * modules that register their sources follows the module graph and moves when an import is added.
   */
  readonly position?: number;
  /**
   * Every member's charge for the year, from the figures adopted for it. Refuses (a DomainError naming
   * `year`) when nothing is adopted for that year; a member without lines is not invoiced.
   */
  chargesFor(year: number): Promise<MemberCharge[]>;
  /** One line on the run: what the figures rest on ("Tarieven 2021 (voorlopig), vastgesteld door …"). */
  basisFor(year: number): Promise<string>;
  /** The years with adopted (or provisionally adopted) figures, for the member official's overview of what it owes; optional. */
  yearsWithFigures?(): Promise<number[]>;
  /**
   * Optional: the source sets the invoice date and the instalments itself (the subscriptions: invoiced on
   * 1 December before the year, due 1 January and 1 July). Then every member's charge carries its
   * `instalmentsCents`, and a run may not choose instalments or a first due date of its own. Without it
   * the run's instalments follow rule I1 from the run's `firstDueOn`, and the invoice is dated on the run's day.
   */
  invoiceTermsFor?(year: number): Promise<InvoiceTerms>;
}

/** The registry every charge source registers with; billing looks sources up by key. */
@Injectable()
export class ChargeSources {
  private readonly sources = new Map<string, ChargeSource>();

  register(source: ChargeSource): void {
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(source.key)) throw new Error(`charge source key "${source.key}" must be lower case letters, digits and dashes`);
    if (this.sources.has(source.key)) throw new Error(`charge source ${source.key} is registered twice`);
    this.sources.set(source.key, source);
  }

  find(key: string): ChargeSource | undefined {
    return this.sources.get(key);
  }

  list(): ChargeSource[] {
    const position = (source: ChargeSource) => source.position ?? Number.MAX_SAFE_INTEGER;
    return [...this.sources.values()].sort((a, b) => position(a) - position(b));
  }
}
