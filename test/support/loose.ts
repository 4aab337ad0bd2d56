import { resource } from '../../src/api/testing.js';
import type { ResourceType } from '../../src/model/registry.js';
import type { Resource, ResourceRef } from '../../src/model/types.js';

/**
 * Engine- and reporter-level tests run made-up test rules over made-up data (`{ open: true }`) on real
 * types; this skips the model's compile-time data check that rule tests get from `resource()`. Such
 * resources never go through snapshot validation.
 */
export function looseResource(type: ResourceType, id: string, data: Record<string, unknown>, extra: Partial<ResourceRef> = {}): Resource {
  return resource(type, id, data as never, extra) as Resource;
}

/** The made-up data of a {@link looseResource}, for the test rules that read it. */
export const looseData = (r: { data: unknown }): Record<string, any> => r.data as Record<string, any>;
