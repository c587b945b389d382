import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/input-rules';

export class CreateSchemeDto {
  @ApiProperty({ example: 'Statuten VNG, artikel 12 (stemmentabel)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    description:
      'one of: {kind:"one_member_one_vote"}, {kind:"linear", inhabitantsPerVote, rounding:"up"|"down"|"half_up", minimumWeight}, ' +
      '{kind:"square_root", rounding:"down"|"nearest", minimumWeight}, {kind:"brackets", brackets:[{fromInhabitants, weight}]}',
    example: {
      kind: 'brackets',
      brackets: [
        { fromInhabitants: 0, weight: 1 },
        { fromInhabitants: 5000, weight: 2 },
      ],
    },
  })
  @IsObject()
  definition: Record<string, unknown>;

  @ApiProperty({ example: 'Statuten van de Vereniging van Nederlandse Gemeenten' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source: string;

  @ApiProperty({ example: '2020-01-01' })
  @IsCalendarDate()
  effectiveFrom: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isExample?: boolean;
}
