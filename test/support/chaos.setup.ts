import { jest } from '@jest/globals';

// The chaos run's own test sets a bound from its size; hooks that start and stop whole stacks get this.
jest.setTimeout(300_000);
