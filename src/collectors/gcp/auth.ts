/**
 * Google Application Default Credentials whose secrets the run's redactor knows.
 *
 * A live GCP collection authenticates with whatever ADC resolves to: a user's refresh token, a service
 * account key, workload identity federation, the metadata server. The access tokens it mints, and the
 * refresh token or private key it signs with, are the GCP counterpart of an AWS session token: an endpoint
 * or proxy that echoes a request back would copy them into a gap message, the snapshot and every report.
 * So every token the client obtains is registered with {@link runSecrets} the moment it is minted (the
 * auth clients' `tokens` event), and the long-lived secrets as soon as the client is resolved.
 */
import type { AuthClient, GoogleAuth, GoogleAuthOptions } from 'google-auth-library';
import { runSecrets } from '../../model/redaction.js';

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

interface TokenEvent {
  access_token?: string | null;
  refresh_token?: string | null;
  id_token?: string | null;
}

const watched = new WeakSet<object>();

/** Registers a resolved auth client's secrets, and every token it mints from now on, with the run's redactor. */
export function watchGoogleTokens(client: AuthClient): void {
  if (watched.has(client)) return;
  watched.add(client);
  const register = (t: TokenEvent | undefined | null): void => {
    if (t) runSecrets.register(t.access_token, t.refresh_token, t.id_token);
  };
  register(client.credentials as TokenEvent);
  // Service-account keys (JWT) and OAuth client secrets, where the client kind holds them.
  const held = client as unknown as { key?: unknown; _clientSecret?: unknown };
  for (const v of [held.key, held._clientSecret]) if (typeof v === 'string') runSecrets.register(v);
  client.on('tokens', register);
}

/**
 * A `GoogleAuth` for ADC (cloud-platform scope) whose resolved client is watched by {@link watchGoogleTokens}:
 * the gRPC and REST transports both reach the client through `getClient`.
 */
export async function redactingGoogleAuth(options: GoogleAuthOptions = {}): Promise<GoogleAuth> {
  const gal = await import('google-auth-library');
  // A CommonJS package: its exports are named under Node's loader, and under `default` through some loaders.
  const { GoogleAuth: Base } = gal.GoogleAuth ? gal : (gal as unknown as { default: typeof gal }).default;
  class RedactingGoogleAuth extends Base {
    override async getClient(): ReturnType<GoogleAuth['getClient']> {
      const client = await super.getClient();
      watchGoogleTokens(client);
      return client;
    }
  }
  return new RedactingGoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE], ...options });
}
