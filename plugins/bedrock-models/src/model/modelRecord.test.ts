import { modelDetails } from '../__testUtils__/modelFixtures';
import { modelRecord } from './modelRecord';

describe('modelRecord', () => {
  it('holds the lineage entered at import with the versions, pointers and moves', () => {
    const details = modelDetails();
    details.model.lineage = {
      baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
      trainingDataUri: 's3://ml-data/support/2026-10/',
      evaluationReportUrl: 'https://wiki.example.com/eval/42',
    };
    const record = modelRecord(details, '2026-11-20T12:00:00.000Z');
    expect(record.lineage).toEqual({
      baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
      trainingDataUri: 's3://ml-data/support/2026-10/',
      trainingJob: null,
      evaluationReportUrl: 'https://wiki.example.com/eval/42',
    });
    expect(record.model).toMatchObject({
      name: 'support-assistant',
      owner: 'group:default/support-ml',
      classification: 'internal',
    });
    expect(record.versions.map(v => v.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(record.pointers).toContainEqual(
      expect.objectContaining({
        alias: 'production',
        region: 'us-east-1',
        version: 2,
      }),
    );
    expect(record.recentMoves).toHaveLength(3);
    expect(record.exportedAt).toBe('2026-11-20T12:00:00.000Z');
  });
});
