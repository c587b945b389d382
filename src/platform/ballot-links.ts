import { Injectable } from '@nestjs/common';
import { createHmac } from 'crypto';
import { AppConfig } from './config/app-config';
import { hashToken } from './secret-token';

/**
 * The secret of a ballot link is HMAC-SHA256(BALLOT_LINK_SECRET, access id): 256 bits that nobody
 * can guess without the key. The database keeps only its SHA-256 hash, so a copy of the database
 * does not reveal any link; a new access id (reissue) gives a new link and the old one is revoked.
 * It lives in platform because two modules derive it from the key alone: ballots when it issues a
 * link, notifications when the worker puts the link into a mail (without asking ballots anything).
 */
@Injectable()
export class BallotLinks {
  constructor(private readonly config: AppConfig) {}

  tokenFor(accessId: string): string {
    return createHmac('sha256', this.config.BALLOT_LINK_SECRET).update(`ballot-access:${accessId}`).digest('base64url');
  }

  hashFor(accessId: string): string {
    return hashToken(this.tokenFor(accessId));
  }

  urlFor(accessId: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/stemmen/${this.tokenFor(accessId)}`;
  }
}
