import type { Provider } from './types.js';

/**
 * What the registry knows of one resource type besides its data shape (which is its TypeScript interface).
 * - `scope`: `regional` types are collected once per region, so coverage is expected in every region of a
 *   scope; `global` types once per account/project (IAM, S3 listing, GCP assets, TLS endpoints).
 * - `version`: bumped whenever the type's data schema changes (a test compares the generated schema's hash
 *   with `src/model/generated/schema-lock.json`).
 */
export interface TypeInfo {
  readonly provider: Provider;
  readonly scope: 'regional' | 'global';
  readonly version: number;
  /** One line for `vigil rules` and the docs. */
  readonly description: string;
}

/**
 * A virtual input type: coverage entries only, never resources. One per setting read by a separate call
 * (an S3 bucket's policy, a KMS key's rotation), so a failed read makes exactly the rules that list it in
 * `inputs` unknown.
 */
export interface InputTypeInfo {
  readonly provider: Provider;
  readonly scope: 'regional' | 'global';
  readonly description: string;
}

/** The runtime table of one model file's resource types, keyed exactly like its `…DataByType` interface. */
export type TypeTable<M> = { readonly [K in keyof M]: TypeInfo };
