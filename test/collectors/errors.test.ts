import { describe, expect, it } from '@jest/globals';
import { classifyError, redact } from '../../src/collectors/errors.js';

describe('classifyError', () => {
  it.each([
    [{ name: 'AccessDenied', message: 'User is not authorized' }, 'denied'],
    [{ name: 'UnauthorizedOperation', message: 'x' }, 'denied'],
    [{ name: 'ThrottlingException', message: 'Rate exceeded' }, 'throttled'],
    [{ name: 'RequestLimitExceeded', message: 'x' }, 'throttled'],
    [{ code: 8, details: 'Quota exceeded' }, 'throttled'],
    [{ code: 7, details: 'caller does not have permission' }, 'denied'],
    [{ name: 'TimeoutError', code: 'ETIMEDOUT', message: 'x' }, 'timeout'],
    [{ name: 'TimeoutError', code: 'ECONNRESET', message: 'socket hang up' }, 'unreachable'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'unreachable'],
    [{ name: 'Weird', message: 'boom', $metadata: { httpStatusCode: 403 } }, 'denied'],
    [{ name: 'InternalError', message: 'boom' }, 'error'],
  ])('%j → %s', (err, status) => {
    expect(classifyError(err).status).toBe(status);
  });

  it('never keeps credentials in messages', () => {
    expect(redact('key AKIAABCDEFGHIJKLMNOP and Authorization: Bearer abc.def and X-Amz-Signature=deadbeef')).not.toMatch(/ABCDEFGHIJKLMNOP|abc\.def|deadbeef/);
  });
});
