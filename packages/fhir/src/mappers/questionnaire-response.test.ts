import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { record, run } from '../../test/export-support';

describe('mappers/questionnaire-response', () => {
  it('maps assessments to QuestionnaireResponses; a missing answer is an item without answer', () => {
    const qr = record<QuestionnaireResponse>(run(), 'QuestionnaireResponse', 'assessment', 'a1');
    expect(qr.questionnaire).toBe('https://peer-recovery.dev/fhir/Questionnaire/barc-10');
    expect(qr.item).toContainEqual({ linkId: '3' });
    expect(qr.item).toContainEqual({ linkId: 'x.1', answer: [{ valueDecimal: 2.5 }] });
  });
});
