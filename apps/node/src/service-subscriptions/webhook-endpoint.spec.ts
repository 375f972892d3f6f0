import { endpointProblem } from './webhook-endpoint.js';

describe('endpointProblem', () => {
  it.each([
    'https://cases.border.tj/hook',
    'http://127.0.0.1:8080/hook',
    'http://localhost/h',
    'http://[::1]:9/h',
  ])('takes %s', (url) => expect(endpointProblem(url)).toBeUndefined());

  it.each([
    ['http://cases.border.tj/hook', 'must be https'],
    ['http://10.0.0.5/hook', 'must be https'],
    ['ftp://127.0.0.1/hook', 'must be https'],
    ['https://user:pw@cases.border.tj/', 'credentials'],
    ['https://cases.border.tj/#x', 'fragment'],
    ['/relative', 'absolute'],
  ])('refuses %s', (url, reason) => expect(endpointProblem(url)).toContain(reason));
});
