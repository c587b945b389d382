import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/input-rules';

export class AttachEffectDto {
  @ApiProperty({
    enum: ['contribution_raise', 'fund_budget'],
    description: "contribution_raise: the adopted percentage raises the previous year's rates; fund_budget: adoption adopts the budget",
  })
  @IsIn(['contribution_raise', 'fund_budget'])
  kind: 'contribution_raise' | 'fund_budget';

  @ApiPropertyOptional({ example: 2021, description: 'contribution_raise: the year whose rates the vote sets' })
  @ValidateIf((o: AttachEffectDto) => o.kind === 'contribution_raise')
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2020-06-30', description: 'contribution_raise: the reference date (peildatum) of the inhabitants the year is charged on' })
  @ValidateIf((o: AttachEffectDto) => o.kind === 'contribution_raise')
  @IsCalendarDate()
  referenceDate?: string;

  @ApiPropertyOptional({ description: 'fund_budget: the imported budget the vote adopts' })
  @ValidateIf((o: AttachEffectDto) => o.kind === 'fund_budget')
  @IsUUID()
  fundBudgetId?: string;
}
