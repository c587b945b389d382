import { Injectable } from '@nestjs/common';
import { AuditService } from '../platform/audit/audit.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { schemeErrors, WeightingScheme } from '../weighting';
import { CreateSchemeDto } from './dto/create-scheme.dto';
import { WeightingSchemeRecord } from './weighting-scheme.entity';
import { WeightingSchemesRepository } from './weighting-schemes.repository';

@Injectable()
export class WeightingSchemesService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: WeightingSchemesRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<WeightingSchemeRecord[]> {
    return this.repository.listNewestFirst();
  }

  async get(id: string): Promise<WeightingSchemeRecord> {
    const scheme = await this.repository.findById(id);
    if (!scheme) throw DomainError.notFound('weighting scheme', id);
    return scheme;
  }

  async create(input: CreateSchemeDto, actor: string): Promise<WeightingSchemeRecord> {
    const errors = schemeErrors(input.definition);
    if (errors.length) {
      throw new DomainError(
        'INVALID_INPUT',
        errors.map((e) => `definition.${e.field}: ${e.rule}`).join('; '),
        errors.map((e) => ({ field: `definition.${e.field}`, rule: e.rule })),
      );
    }
    return this.tx.run(async () => {
      if (await this.repository.findByName(input.name)) {
        throw new DomainError('DUPLICATE', `name: a scheme named "${input.name}" exists`, [{ field: 'name', rule: 'must be unique' }]);
      }
      const saved = await this.repository.insert({
        name: input.name,
        definition: input.definition as unknown as WeightingScheme,
        source: input.source,
        effectiveFrom: input.effectiveFrom,
        isExample: input.isExample ?? false,
      });
      await this.audit.record({ actor, action: 'weighting_scheme.created', subjectType: 'weighting_scheme', subjectId: saved.id, details: { ...input } });
      return saved;
    });
  }
}
