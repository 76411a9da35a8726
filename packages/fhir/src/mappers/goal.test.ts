import type { Goal } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { record, refTo, run } from '../../test/export-support';
import { exampleProgram } from '../testing/example';

describe('mappers/goal', () => {
  it('writes goals as separate Goal resources with lifecycle and achievement status', () => {
    const resources = run();
    const goal = (key: string) => record<Goal>(resources, 'Goal', 'goal', key);
    expect(goal('plan-1/g1')).toMatchObject({
      lifecycleStatus: 'active',
      description: { text: 'Attend a mutual-aid meeting weekly' },
    });
    expect(goal('plan-1/g1').achievementStatus?.coding?.[0]?.code).toBe('in-progress');
    expect(goal('plan-1/g3').lifecycleStatus).toBe('completed');
    expect(goal('plan-1/g3').achievementStatus?.coding?.[0]?.code).toBe('achieved');
    expect(goal('plan-1/g3').target).toEqual([{ dueDate: '2026-06-01' }]);
    expect(goal('plan-2/g5').achievementStatus?.coding?.[0]?.code).toBe('not-achieved');
    expect(goal('plan-2/g4').category?.[0]?.coding?.map((c) => c.code)).toEqual([
      'stability-in-housing',
      'housing-instability',
    ]);
    expect(goal('plan-1/g1').subject.reference).toBe(refTo(record(resources, 'Patient', 'peer', 'peer-1')));
    expect(goal('plan-1/g1').id).not.toBe(goal('plan-2/g1').id);
    // US Core must support: startDate, the day the plan version that sets the goal was created
    const plans = exampleProgram().plans;
    expect(goal('plan-1/g1').startDate).toBe(plans.find((p) => p.id === 'plan-1')?.createdOn);
    expect(goal('plan-2/g4').startDate).toBe(plans.find((p) => p.id === 'plan-2')?.createdOn);
  });

  it('replaces goal descriptions with a placeholder when redactFreeText is set', () => {
    const resources = run(exampleProgram(), { redactFreeText: true });
    const g = record<Goal>(resources, 'Goal', 'goal', 'plan-2/g4');
    expect(g.description.text).toBe('Goal 2 of action plan version 2');
    expect(g.meta?.security).toContainEqual(expect.objectContaining({ code: 'REDACTED' }));
    expect(JSON.stringify(resources)).not.toContain('apartment');
  });
});
