import { Injectable } from '@nestjs/common';

/** The console's time source: heartbeat ages, traffic buckets, key expiry. Tests pass one they move. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
