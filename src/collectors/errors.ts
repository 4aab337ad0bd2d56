import { redactPatterns } from '../model/redaction.js';
import type { CoverageStatus } from '../model/types.js';

export interface ClassifiedError {
  status: Exclude<CoverageStatus, 'ok' | 'not_applicable'>;
  code: string;
  message: string;
}

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'Forbidden',
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'AllAccessDisabled',
  'OptInRequired',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'SlowDown',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'RESOURCE_EXHAUSTED',
  'EC2ThrottledException',
]);
const TIMEOUT = new Set(['TimeoutError', 'ETIMEDOUT', 'RequestTimeout', 'RequestTimeoutException', 'ESOCKETTIMEDOUT', 'DEADLINE_EXCEEDED']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'UnknownEndpoint', 'UNAVAILABLE', 'EPIPE']);

/**
 * Strips anything that looks like a credential, and the run's own credential values (src/model/redaction.ts),
 * before a message is stored or printed; long messages are cut.
 */
export function redact(message: string): string {
  return redactPatterns(message).slice(0, 400);
}

/** Maps an SDK / network error to a coverage status and a short, secret-free code and message. */
export function classifyError(err: unknown): ClassifiedError {
  const e = err as { name?: string; code?: string | number; Code?: string; message?: string; $metadata?: { httpStatusCode?: number }; details?: string };
  const grpcCodes: Record<number, string> = {
    4: 'DEADLINE_EXCEEDED',
    7: 'PERMISSION_DENIED',
    8: 'RESOURCE_EXHAUSTED',
    14: 'UNAVAILABLE',
    16: 'UNAUTHENTICATED',
  };
  const code = String((typeof e?.code === 'number' ? grpcCodes[e.code] : e?.code) ?? e?.Code ?? e?.name ?? 'Error');
  const name = String(e?.name ?? '');
  const message = redact(String(e?.details ?? e?.message ?? err));
  // The specific code wins over the generic name (the SDK names a reset connection `TimeoutError` with code ECONNRESET).
  const byKey = (k: string): ClassifiedError['status'] | undefined =>
    DENIED.has(k) ? 'denied' : THROTTLED.has(k) ? 'throttled' : TIMEOUT.has(k) ? 'timeout' : UNREACHABLE.has(k) ? 'unreachable' : undefined;
  const status = byKey(code) ?? byKey(name);
  if (status) return { status, code, message };
  if (e?.$metadata?.httpStatusCode === 403) return { status: 'denied', code, message };
  if (e?.$metadata?.httpStatusCode === 429) return { status: 'throttled', code, message };
  if (/timed? ?out/i.test(message)) return { status: 'timeout', code, message };
  return { status: 'error', code, message };
}
