import { InputError } from '../../util/errors.js';
import { closestMatch } from '../../util/text.js';

/**
 * A requested region the partition does not have is a typo, not a region to report as unscanned: an input
 * error (exit 2) with the name meant, before anything is collected. `names` is what DescribeRegions (with
 * AllRegions) listed for `whose` (e.g. "account 123456789012").
 */
export function assertKnownRegions(requested: readonly string[], names: readonly string[], whose: string): void {
  for (const r of requested.filter((x) => !names.includes(x))) {
    const near = closestMatch(r, names);
    throw new InputError(
      `unknown AWS region "${r}"${near ? ` (did you mean ${near}?)` : ''}`,
      undefined,
      '--regions',
      `pass region names as DescribeRegions lists them for ${whose}: ${[...names].sort().join(', ')}`,
    );
  }
}
