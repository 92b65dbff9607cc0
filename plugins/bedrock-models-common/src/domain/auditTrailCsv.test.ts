import { auditTrailCsv } from './auditTrailCsv';

describe('auditTrailCsv', () => {
  const retire = {
    id: 'retire-1',
    at: '2026-11-29T10:00:00.000Z',
    kind: 'retire' as const,
    modelName: 'summarizer',
    owner: 'group:default/support-ml',
    version: 2,
    region: 'us-east-1',
    accountId: '123456789012',
    actor: 'user:default/ana',
    reason: '=cmd, "quoted"',
  };

  it('writes one line per event under a header, quoting and defusing what needs it', () => {
    expect(auditTrailCsv([retire]).split('\r\n')).toEqual([
      'at,kind,model,owner,version,from_version,alias,region,account,actor,reason,emergency,approval_request,detail',
      `2026-11-29T10:00:00.000Z,retire,summarizer,group:default/support-ml,2,,,us-east-1,123456789012,user:default/ana,"'=cmd, ""quoted""",false,,`,
      '',
    ]);
  });

  it('leaves the header out of later batches, and writes nothing for an empty one', () => {
    expect(auditTrailCsv([retire], { header: false }).startsWith('2026')).toBe(
      true,
    );
    expect(auditTrailCsv([], { header: false })).toBe('');
  });
});
