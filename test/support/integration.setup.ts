import { afterAll, jest } from '@jest/globals';
import { removeTestTls } from '#testing';

// Integration suites start real servers; a project-level `testTimeout` is not applied per project.
jest.setTimeout(60_000);

// The test file's throwaway CA (testTls), once its servers are gone.
afterAll(() => removeTestTls());
