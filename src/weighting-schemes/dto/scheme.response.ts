import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';
import type { WeightingScheme } from '../../weighting';

export class OneMemberOneVoteScheme {
  @ApiProperty({ enum: ['one_member_one_vote'] }) kind: 'one_member_one_vote';
}

export class LinearScheme {
  @ApiProperty({ enum: ['linear'] }) kind: 'linear';
  @ApiProperty({ type: 'integer', example: 10000 }) inhabitantsPerVote: number;
  @ApiProperty({ enum: ['up', 'down', 'half_up'] }) rounding: 'up' | 'down' | 'half_up';
  @ApiProperty({ type: 'integer', example: 1 }) minimumWeight: number;
}

export class SquareRootScheme {
  @ApiProperty({ enum: ['square_root'] }) kind: 'square_root';
  @ApiProperty({ enum: ['down', 'nearest'] }) rounding: 'down' | 'nearest';
  @ApiProperty({ type: 'integer', example: 1 }) minimumWeight: number;
}

export class BracketDto {
  @ApiProperty({ type: 'integer', example: 5000, description: 'from this many inhabitants (up to the next bracket) the weight is…' }) fromInhabitants: number;
  @ApiProperty({ type: 'integer', example: 2 }) weight: number;
}

export class BracketsScheme {
  @ApiProperty({ enum: ['brackets'] }) kind: 'brackets';
  @ApiProperty({ type: [BracketDto] }) brackets: BracketDto[];
}

@ApiExtraModels(OneMemberOneVoteScheme, LinearScheme, SquareRootScheme, BracketsScheme)
export class WeightingSchemeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Voorbeeldtabel (geen statutaire tabel)' }) name: string;
  @ApiProperty({
    oneOf: [OneMemberOneVoteScheme, LinearScheme, SquareRootScheme, BracketsScheme].map((model) => ({ $ref: getSchemaPath(model) })),
    discriminator: {
      propertyName: 'kind',
      mapping: {
        one_member_one_vote: getSchemaPath(OneMemberOneVoteScheme),
        linear: getSchemaPath(LinearScheme),
        square_root: getSchemaPath(SquareRootScheme),
        brackets: getSchemaPath(BracketsScheme),
      },
    },
    description: 'how inhabitants become a weight',
  })
  definition: WeightingScheme;
  @ApiProperty({ example: 'Statuten van de Vereniging van Nederlandse Gemeenten' }) source: string;
  @ApiProperty({ format: 'date', example: '2020-01-01' }) effectiveFrom: string;
  @ApiProperty({ description: 'an example table for the demo, not the statutory one' }) isExample: boolean;
}

export const WeightingSchemePage = PageOf(WeightingSchemeResponse, 'WeightingSchemePage');
