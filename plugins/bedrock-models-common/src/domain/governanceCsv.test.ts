import { governanceReportCsv } from './governanceCsv';

describe('governanceReportCsv', () => {
  it('writes a header and one quoted-where-needed line per version', () => {
    const csv = governanceReportCsv([
      {
        model: 'summarizer',
        owner: 'group:default/support-ml',
        classification: 'internal',
        accountId: '123456789012',
        region: 'us-east-1',
        version: 2,
        status: 'ready',
        architecture: 'llama',
        importedModelArn:
          'arn:aws:bedrock:us-east-1:123456789012:imported-model/abc',
        pointers: ['production', 'staging'],
        createdBy: 'user:default/ana, "the lead"',
        createdAt: '2026-11-01T00:00:00.000Z',
        managed: true,
        productionVersion: 2,
        lastPromotedBy: 'user:default/ana',
        lastPromotedAt: '2026-11-03T00:00:00.000Z',
        estimatedMonthlyCost: 12.345,
        invocations30d: 120,
        lastInvokedAt: '2026-11-28T09:00:00.000Z',
        residencyViolation: false,
        publishingFailing: true,
      },
      {
        model: 'faq',
        owner: '=HYPERLINK("x")',
        classification: 'public',
        accountId: '123456789012',
        region: 'us-west-2',
        version: 1,
        status: 'importing',
        pointers: [],
        createdBy: 'bedrock-models:discovery',
        createdAt: '2026-11-02T00:00:00.000Z',
        managed: false,
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'model,version,owner,classification,account,region,status,architecture,imported_model_arn,pointers,production_version,last_promoted_by,last_promoted_at,managed,created_by,created_at,estimated_monthly_cost,invocations_30d,last_invoked_at,residency_violation,publishing_failing',
      'summarizer,2,group:default/support-ml,internal,123456789012,us-east-1,ready,llama,arn:aws:bedrock:us-east-1:123456789012:imported-model/abc,production staging,2,user:default/ana,2026-11-03T00:00:00.000Z,true,"user:default/ana, ""the lead""",2026-11-01T00:00:00.000Z,12.35,120,2026-11-28T09:00:00.000Z,false,true',
      // A formula-looking owner is defused so spreadsheets show it as text.
      `faq,1,"'=HYPERLINK(""x"")",public,123456789012,us-west-2,importing,,,,,,,false,bedrock-models:discovery,2026-11-02T00:00:00.000Z,,,,,`,
      '',
    ]);
  });

  it('writes later batches without the header, and nothing for an empty batch', () => {
    const row = {
      model: 'm',
      owner: 'group:default/t',
      classification: 'internal',
      accountId: '123456789012',
      region: 'us-east-1',
      version: 1,
      status: 'ready',
      pointers: [],
      createdBy: 'x',
      createdAt: '2026-11-01T00:00:00.000Z',
      managed: true,
    };
    expect(governanceReportCsv([row], { header: false })).toBe(
      'm,1,group:default/t,internal,123456789012,us-east-1,ready,,,,,,,true,x,2026-11-01T00:00:00.000Z,,,,,\r\n',
    );
    expect(governanceReportCsv([], { header: false })).toBe('');
  });
});
