import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';
import { ROLES, StaffRole } from '../staff-account.entity';

export class AccountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email', example: 'bestuur@vng.example' }) email: string;
  @ApiProperty({ example: 'Bestuur VNG' }) name: string;
  @ApiProperty({ enum: ROLES }) role: StaffRole;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'member official only: the municipality it acts for' }) memberId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'provider only: the organisation it acts for' }) provider: string | null;
}

export const AccountPage = PageOf(AccountResponse, 'AccountPage');

export class SessionResponse {
  @ApiProperty({ description: 'the session token: send it as `Authorization: Bearer <token>`' }) token: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: Date;
  @ApiProperty({ type: AccountResponse }) account: AccountResponse;
}

export class OneTimeCodesResponse {
  @ApiProperty({ description: 'the TOTP secret (base32), shown once', example: 'JBSWY3DPEHPK3PXP' }) secret: string;
  @ApiProperty({ description: 'the same secret as an otpauth:// link for an authenticator app (QR code)' }) otpauthUrl: string;
}
