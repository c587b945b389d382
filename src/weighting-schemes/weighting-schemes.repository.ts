import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';
import { WeightingSchemeRecord } from './weighting-scheme.entity';

/** The weighting schemes kept as data (weighting_scheme). */
@Injectable()
export class WeightingSchemesRepository {
  constructor(private readonly tx: Transactions) {}

  listNewestFirst(): Promise<WeightingSchemeRecord[]> {
    return this.tx.manager().find(WeightingSchemeRecord, { order: { effectiveFrom: 'DESC', name: 'ASC' } });
  }

  findById(id: string): Promise<WeightingSchemeRecord | null> {
    return this.tx.manager().findOneBy(WeightingSchemeRecord, { id });
  }

  findByName(name: string): Promise<WeightingSchemeRecord | null> {
    return this.tx.manager().findOneBy(WeightingSchemeRecord, { name });
  }

  insert(scheme: Omit<WeightingSchemeRecord, 'id'>): Promise<WeightingSchemeRecord> {
    const repo = this.tx.manager().getRepository(WeightingSchemeRecord);
    return repo.save(repo.create(scheme));
  }
}
