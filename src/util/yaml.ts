import type { Document } from 'yaml';
import { lazyRequire } from './lazy.js';

/** The yaml package, loaded when a YAML file is first read (a config file, a framework), not at start. */
const yaml = lazyRequire<typeof import('yaml')>('yaml');
import { InputError } from './errors.js';

export interface ParsedYaml {
  value: unknown;
  /** `line L, column C` of the node at a JSON-pointer-like ajv instancePath (`/a/0/b`), when found. */
  placeOf(instancePath: string): string | undefined;
}

/** Alias expansions allowed per document (the yaml package's own default of 100 counts nested expansions). */
export const MAX_ALIAS_COUNT = 100;

/** Parses YAML, turning syntax errors (and alias bombs) into an InputError with line and column. */
export function parseYaml(text: string, file: string, fix: string): ParsedYaml {
  const { LineCounter, parseDocument, isNode } = yaml();
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  const e = doc.errors[0];
  if (e) {
    const pos = lineCounter.linePos(e.pos[0]);
    throw new InputError(`invalid YAML: ${e.message.split('\n')[0]}`, file, `line ${pos.line}, column ${pos.col}`, fix);
  }
  let value: unknown;
  try {
    // Aliases are expanded with a budget: a "billion laughs" file (aliases of aliases) is refused, not expanded.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError || err instanceof RangeError)) throw err;
    throw new InputError(
      /alias/i.test(err.message)
        ? `too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}): refused as a resource-exhaustion attempt`
        : `invalid YAML: ${err.message.split('\n')[0]}`,
      file,
      undefined,
      'write the values out instead of repeating aliases (*name) of aliases',
    );
  }
  return {
    value,
    placeOf(instancePath) {
      const path = instancePath
        .split('/')
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      // Walk up until a node with a range is found (a missing property points at its parent).
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return `line ${pos.line}, column ${pos.col}`;
        }
      }
      return undefined;
    },
  };
}
