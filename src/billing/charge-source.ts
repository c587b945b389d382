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
   * Every member's charge for the year, from the figures adopted for it. Refuses (a DomainError naming
   * `year`) when nothing is adopted for that year; a member without lines is not invoiced.
   */
  chargesFor(year: number): Promise<MemberCharge[]>;
  /** One line on the run: what the figures rest on ("Tarieven 2021 (voorlopig), vastgesteld door …"). */
  basisFor(year: number): Promise<string>;
  /** The years with adopted (or provisionally adopted) figures, for the member official's overview of what it owes; optional. */
  yearsWithFigures?(): Promise<number[]>;
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
    return [...this.sources.values()];
  }
}
