import { Command } from 'commander';
import { INPUT_TYPES, RESOURCE_TYPES, type InputType } from '../model/registry.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../model/types.js';

interface TypeRow {
  type: InputType;
  kind: 'resource' | 'input';
  provider: string;
  scope: string;
  version: number | null;
  description: string;
}

/** Every type of the registry: resource types (with their data schema version) and virtual input types. */
export function typeRows(): TypeRow[] {
  const rows: TypeRow[] = [
    ...Object.entries(RESOURCE_TYPES).map(([type, i]) => ({
      type: type as InputType,
      kind: 'resource' as const,
      provider: i.provider,
      scope: i.scope,
      version: i.version,
      description: i.description,
    })),
    ...Object.entries(INPUT_TYPES).map(([type, i]) => ({
      type: type as InputType,
      kind: 'input' as const,
      provider: i.provider,
      scope: i.scope,
      version: null,
      description: i.description,
    })),
  ];
  return rows.sort((a, b) => a.type.localeCompare(b.type));
}

export function renderTypes(rows: TypeRow[]): string {
  const head = ['TYPE', 'KIND', 'SCOPE', 'VERSION', 'DESCRIPTION'];
  const cells = rows.map((r) => [r.type, r.kind, r.scope, r.version === null ? '-' : String(r.version), r.description]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => (i < r.length - 1 ? v.padEnd(widths[i]!) : v))
      .join('  ')
      .trimEnd();
  return [
    line(head),
    ...cells.map(line),
    '',
    `snapshot schema version ${SNAPSHOT_SCHEMA_VERSION}; input types are read by a separate call and appear only in coverage`,
  ].join('\n');
}

export function typesCommand(): Command {
  return new Command('types')
    .description('list the resource types a snapshot may hold (the registry), with their schema versions')
    .option('--provider <provider>', 'only aws, gcp or tls')
    .option('--format <format>', 'table (default) or json', 'table')
    .action((opts: { provider?: string; format: string }) => {
      const rows = typeRows().filter((r) => !opts.provider || r.provider === opts.provider);
      process.stdout.write(
        (opts.format === 'json' ? JSON.stringify({ snapshotSchemaVersion: SNAPSHOT_SCHEMA_VERSION, types: rows }, null, 2) : renderTypes(rows)) + '\n',
      );
    });
}
