import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { record, refTo, run } from '../../test/export-support';
import { SYSTEMS } from '../codes';

describe('mappers/service-request', () => {
  it('maps a referral made by the coach to a ServiceRequest, and its recorded status to a Task', () => {
    const resources = run();
    const r1 = record<ServiceRequest>(resources, 'ServiceRequest', 'referral', 'r1');
    expect(r1.status).toBe('active');
    expect(r1.intent).toBe('order');
    expect(r1.code?.coding?.[0]).toEqual(
      expect.objectContaining({ system: SYSTEMS.referralKind, code: 'housing' }),
    );
    expect(r1.authoredOn).toBe('2026-03-02');
    const task = record<Task>(resources, 'Task', 'referral-task', 'r1');
    expect(task.status).toBe('accepted');
    expect(task.focus?.reference).toBe(refTo(r1));
    const r2 = record<ServiceRequest>(resources, 'ServiceRequest', 'referral', 'r2');
    expect(r2.status).toBe('active');
    expect(() => record(resources, 'Task', 'referral-task', 'r2')).toThrow();
  });
});
