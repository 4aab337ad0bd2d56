import type { STSClient } from '@aws-sdk/client-sts';
import { registerAwsCredentials } from '../../model/redaction.js';
import type { AwsCredentials, AwsCredentialsProvider } from './context.js';

/** The session name every fleet role session carries: it names Vigil in the member account's CloudTrail. */
export const ROLE_SESSION_NAME = 'vigil-audit';

/** STS bounds for `DurationSeconds` (the role's own maximum may be lower; STS then refuses the call). */
export const MIN_ROLE_DURATION_S = 900;
export const MAX_ROLE_DURATION_S = 43_200;

export interface AssumeRoleOptions {
  roleArn: string;
  externalId?: string;
  /** Session length (default 3600 s, bounded to 900–43,200 s by STS). */
  durationSeconds?: number;
  /**
   * Fresh credentials are fetched this long before the current ones expire (default: a quarter of the
   * duration, at most 5 minutes), so a request signed just before expiry never reaches AWS expired.
   */
  refreshMarginMs?: number;
  /** Injectable clock (tests). */
  now?: () => number;
}

/**
 * A credential provider for one member account: `AssumeRole` on first use, then again shortly before the
 * session expires. Concurrent callers share one in-flight call. The SDK clients of the account all hold
 * this provider, and the SDK asks it again whenever the expiration it returned is near, so a scan that
 * outlives one session keeps working. Nothing is written to disk.
 */
export function assumeRoleProvider(sts: STSClient, o: AssumeRoleOptions): AwsCredentialsProvider & { calls(): number } {
  const duration = o.durationSeconds ?? 3600;
  const margin = o.refreshMarginMs ?? Math.min(5 * 60_000, (duration * 1000) / 4);
  const now = o.now ?? Date.now;
  let current: AwsCredentials | undefined;
  let inFlight: Promise<AwsCredentials> | undefined;
  let calls = 0;

  const fetchNew = async (): Promise<AwsCredentials> => {
    calls++;
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: o.roleArn,
        RoleSessionName: ROLE_SESSION_NAME,
        DurationSeconds: duration,
        ...(o.externalId ? { ExternalId: o.externalId } : {}),
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error(`AssumeRole ${o.roleArn} returned no credentials`), { name: 'NoCredentials' });
    // The member account's session is a credential of this run: no echo of it may be stored or printed.
    registerAwsCredentials({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration ? new Date(c.Expiration) : undefined,
    };
  };

  // Handed to the SDK with the refresh margin already taken off its expiration: the SDK asks again in
  // time, never signing with credentials about to expire mid-request.
  const provider = async (): Promise<AwsCredentials> => {
    if (current && (!current.expiration || current.expiration.getTime() > now())) return current;
    inFlight ??= fetchNew()
      .then((c) => (current = c.expiration ? { ...c, expiration: new Date(c.expiration.getTime() - margin) } : c))
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
  return Object.assign(provider, { calls: () => calls });
}
