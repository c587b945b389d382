import { Injectable } from '@nestjs/common';
import { ChargeSource, ChargeSources, MemberCharge } from '../billing/charge-source';
import { DomainError } from '../platform/http/domain-error';
import { FacilitiesService, FacilityChargeLine } from './facilities.service';

const KIND_NL: Record<FacilityChargeLine['kind'], string> = { one_off: 'eenmalige aansluiting', yearly: 'jaarbedrag', exit: 'kosten van uittreden' };

/**
 * The collective facilities as billing charges them: per member one invoice a year with a line per
 * facility and kind (one-off in the year of joining, the yearly amount fixed, per inhabitant or by band
 * of users, the exit cost in the last year), from `FacilitiesService.facilityCharges(year)`, i.e. the
 * tariff each membership signed. No vote sets these figures: joining does.
 */
@Injectable()
export class FacilitiesChargeSource implements ChargeSource {
  readonly key = 'collective-facilities';
  readonly label = 'Collectieve voorzieningen';
  readonly position = 3;

  constructor(
    sources: ChargeSources,
    private readonly facilities: FacilitiesService,
  ) {
    sources.register(this);
  }

  async chargesFor(year: number): Promise<MemberCharge[]> {
    const charges = await this.facilities.facilityCharges(year);
    if (charges.length === 0) throw DomainError.invalid('year', `no collective facility costs fall in ${year}: no member had a membership that year`);
    return charges.map((c) => ({
      memberId: c.memberId,
      lines: c.lines.map((l) => ({
        description: `${l.facilityName} ${year}: ${KIND_NL[l.kind]}`,
        explanation: `${l.description.startsWith(`${l.facilityName}: `) ? l.description.slice(l.facilityName.length + 2) : l.description}, volgens het tarief in de getekende voorwaarden`,
        amountCents: BigInt(l.cents),
        decidedBy: null,
      })),
    }));
  }

  yearsWithFigures(): Promise<number[]> {
    return this.facilities.yearsWithCharges();
  }

  async basisFor(year: number): Promise<string> {
    const charges = await this.facilities.facilityCharges(year);
    const names = [...new Set(charges.flatMap((c) => c.lines.map((l) => l.facilityName)))].sort();
    return `De getekende voorwaarden en tarieven van de lidmaatschappen in ${year} (${names.join(', ')})`;
  }
}
