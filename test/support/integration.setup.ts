import { jest } from '@jest/globals';

// Integration suites start real servers; a project-level `testTimeout` is not applied per project.
jest.setTimeout(60_000);
