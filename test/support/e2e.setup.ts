import { jest } from '@jest/globals';

// End-to-end suites start whole processes and push thousands of messages through them.
jest.setTimeout(180_000);
