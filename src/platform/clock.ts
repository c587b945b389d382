import { Injectable } from '@nestjs/common';

/**
 * The time, as a dependency: services ask the clock instead of calling new Date(), so a test can put
 * them at any moment (one second before a deadline, one after) without waiting for the real one.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved: for tests. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date): void {
    this.instant = instant;
  }
}
