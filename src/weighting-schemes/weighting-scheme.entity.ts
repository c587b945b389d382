import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WeightingScheme } from '../weighting';

/** A weighting scheme kept as data, with where it comes from and when it takes effect. */
@Entity('weighting_scheme')
export class WeightingSchemeRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'jsonb' }) definition: WeightingScheme;
  @Column() source: string;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom: string;
  @Column({ name: 'is_example' }) isExample: boolean;
}
