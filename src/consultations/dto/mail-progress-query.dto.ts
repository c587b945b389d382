import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class MailProgressQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'also list every message, superseded ones included (resent, earlier reminders)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'history must be true or false' })
  history?: 'true' | 'false';
}
