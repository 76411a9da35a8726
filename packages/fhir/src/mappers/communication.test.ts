import type { Communication } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { byType, record, refTo, run } from '../../test/export-support';

describe('mappers/communication', () => {
  it('maps a message and its reply to Communications linked by inResponseTo', () => {
    const resources = run();
    const m1 = record<Communication>(resources, 'Communication', 'message', 'm1');
    const reply = record<Communication>(resources, 'Communication', 'message-reply', 'm1');
    expect(reply.inResponseTo?.[0]?.reference).toBe(refTo(m1));
    expect(m1.received).toBe('2026-03-06T18:30:00-08:00');
    expect(reply.sent).toBe('2026-03-09T09:15:00-07:00');
    expect(m1.medium?.[0]?.coding?.map((c) => c.code)).toEqual(['PHONE', 'voicemail']);
    expect(byType<Communication>(resources, 'Communication')).toHaveLength(3);
  });
});
