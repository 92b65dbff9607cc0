import { placeDiscoveredModel } from './discoveryNaming';

describe('placeDiscoveredModel', () => {
  const owners: Record<string, string> = {
    'support-summarizer': 'group:default/support-ml',
    'faq-bot': 'group:default/ml-platform',
  };
  const ownerOf = (name: string) => owners[name];

  it('attaches a version to the model its tags name when the owner tag matches that model', () => {
    expect(
      placeDiscoveredModel({
        taggedModel: 'support-summarizer',
        importedName: 'support-summarizer-v7',
        owner: 'group:default/support-ml',
        ownerOf,
      }),
    ).toEqual({ modelName: 'support-summarizer' });
  });

  it('records a version whose tags claim another owner apart, under its own name, flagged for an admin', () => {
    expect(
      placeDiscoveredModel({
        taggedModel: 'support-summarizer',
        importedName: 'Sneaky_Copy-v1',
        owner: 'group:default/other-team',
        ownerOf,
      }),
    ).toEqual({
      modelName: 'sneaky-copy',
      flag: 'Its tags claim model support-summarizer, which group:default/support-ml owns, for group:default/other-team; it was recorded apart, as sneaky-copy. Check who imported Sneaky_Copy-v1 and why.',
    });
  });

  it('never attaches an untagged import to a same-named model of another owner', () => {
    expect(
      placeDiscoveredModel({
        importedName: 'support-summarizer-v9',
        owner: 'group:default/ml-platform',
        ownerOf,
      }),
    ).toEqual({
      modelName: 'support-summarizer-discovered',
      flag: 'A model named support-summarizer already exists with another owner (group:default/support-ml); this import was recorded apart, as support-summarizer-discovered.',
    });
    expect(
      placeDiscoveredModel({
        importedName: 'faq-bot-v2',
        owner: 'group:default/ml-platform',
        ownerOf,
      }),
    ).toEqual({ modelName: 'faq-bot' });
  });
});
