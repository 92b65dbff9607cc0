import { checkModelName } from './modelName';

describe('checkModelName', () => {
  it.each(['a', 'support-summarizer', 'llama3-8b-ft-2', 'x'.repeat(50)])(
    'accepts %p',
    name => {
      expect(checkModelName(name)).toEqual([]);
    },
  );

  it('refuses an empty name', () => {
    expect(checkModelName('')).toEqual([
      'Model name is empty: give a name such as "support-summarizer".',
    ]);
  });

  it.each([
    'Upper',
    'under_score',
    '-lead',
    'trail-',
    'double--hyphen',
    'dot.ted',
  ])('refuses %p with the rule to follow', name => {
    const problems = checkModelName(name);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('lower-case letters and digits');
  });

  it('reports length and pattern problems together', () => {
    const problems = checkModelName(`${'A'.repeat(51)}`);
    expect(problems).toEqual([
      'Model name is 51 characters long: use at most 50.',
      expect.stringContaining('lower-case letters'),
    ]);
  });

  it('refuses names that look like a version of another model', () => {
    expect(checkModelName('chat-v1')).toEqual([
      'Model name may not end in "-v" and a number ("chat-v1"): that suffix names versions (support-summarizer-v2 is version 2 of support-summarizer).',
    ]);
    expect(checkModelName('chat-v1-large')).toEqual([]);
    expect(checkModelName('model-vision')).toEqual([]);
  });
});
