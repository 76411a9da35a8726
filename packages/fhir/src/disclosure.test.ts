import { describe, expect, it } from 'vitest';
import { exportForRecipient, exportForRecipientStream } from './disclosure';
import { exampleProgram } from './testing/example';

const request = {
  recipient: { endpoint: 'https://fhir.example.org/r4' },
  purpose: 'treatment',
  at: '2026-11-20',
  override: 'internal',
} as const;

describe('exportForRecipientStream', () => {
  it('gives, at each reading, the resources and labels of exportForRecipient', () => {
    const data = exampleProgram();
    const whole = exportForRecipient(data, request);
    const streamed = exportForRecipientStream(data, request);
    if (!whole.success || !streamed.success) expect.fail('both exports succeed');
    const read = () => [...streamed.data.resources].map((x) => x.resource);
    expect(read()).toEqual(whole.data.resources);
    expect(read()).toEqual(whole.data.resources);
    expect(streamed.data.bundleMeta).toEqual(whole.data.bundleMeta);
    expect(streamed.data.decision).toEqual(whole.data.decision);
    expect(whole.data.resources.some((r) => r.meta?.security?.some((s) => s.code === 'NORDSCLCD'))).toBe(
      true,
    );
  });

  it('says so, rather than giving nothing, when the program changed between two readings', () => {
    const data = exampleProgram();
    const streamed = exportForRecipientStream(data, request);
    if (!streamed.success) expect.fail('the export succeeds');
    expect([...streamed.data.resources].length).toBeGreaterThan(0);
    (data.contacts[0] as { start: string }).start = 'not an instant';
    expect(() => [...streamed.data.resources]).toThrow(
      'The program changed between two readings of its export',
    );
  });
});
