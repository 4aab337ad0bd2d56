/**
 * `@vigil-scanner/cli/rule`: what a rule module needs, for built-in packs and `--rules-dir` alike.
 *
 * ```ts
 * import { defineRule, EC2_SECURITY_GROUP } from '@vigil-scanner/cli/rule';
 * export default defineRule({ id: 'my-rule', resourceTypes: [EC2_SECURITY_GROUP], messages: { open: '…' }, … });
 * ```
 * `defineRule` is the identity at run time; in TypeScript it types `evaluate`'s resource from
 * `resourceTypes` and restricts returned message ids to the keys of `messages`.
 */
export { defineRule } from '../engine/define-rule.js';
export { defineDerivation, type Derivation } from '../engine/derive.js';
export type { AnyRuleDefinition, OptionsSchema, RuleContext, RuleDefinition, RuleResult, Severity, SnapshotIndex, Status } from '../engine/types.js';
export {
  RESOURCE_TYPES,
  INPUT_TYPES,
  isResourceType,
  isInputType,
  typeInfo,
  type DataOf,
  type InputType,
  type ResourceDataMap,
  type ResourceOf,
  type ResourceType,
  type VirtualInputType,
} from '../model/registry.js';
export type { CoverageEntry, Resource, ResourceRef, Snapshot } from '../model/types.js';
export * from '../model/aws/cloudtrail.js';
export * from '../model/aws/ebs.js';
export * from '../model/aws/ec2.js';
export * from '../model/aws/iam.js';
export * from '../model/aws/kms.js';
export * from '../model/aws/rds.js';
export * from '../model/aws/s3.js';
export * from '../model/gcp.js';
export * from '../model/tls.js';
