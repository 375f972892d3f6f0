import { Injectable } from '@nestjs/common';

/** The time source of the node's services; unit tests pass a fixed one. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
