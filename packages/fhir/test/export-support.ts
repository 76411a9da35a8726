import type { Resource } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { identifierSystem } from '../src/codes';
import { type ExportOptions, exportProgram } from '../src/export';
import { exampleProgram } from '../src/testing/example';

/** Test support for the mapper tests: export a program and find resources in the result. */
export function run(data: ProgramData = exampleProgram(), options: ExportOptions = {}): Resource[] {
  const r = exportProgram(data, options);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}
export const byType = <T extends Resource>(resources: Resource[], type: T['resourceType']): T[] =>
  resources.filter((r): r is T => r.resourceType === type);
/** The resource whose identifier in the program's system of `kind` has the value `value`. */
export function record<T extends Resource>(
  resources: Resource[],
  type: T['resourceType'],
  kind: string,
  value: string,
): T {
  const system = identifierSystem('srp', kind as never);
  const found = byType<T>(resources, type).find((r) => {
    const ids = (r as { identifier?: unknown }).identifier;
    const list = Array.isArray(ids) ? ids : [ids];
    return list.some(
      (i: { system?: string; value?: string } | undefined) => i?.system === system && i.value === value,
    );
  });
  if (!found) throw new Error(`no ${type} ${kind} ${value}`);
  return found;
}
export const refTo = (r: Resource) => `${r.resourceType}/${r.id}`;
