import {
  modelEntityRef,
  versionEntityName,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { catalogTags, toCatalogTag } from './catalogNames';

describe('catalog names', () => {
  it('names a version <model>-v<N> and refers to the model by its full ref', () => {
    expect(versionEntityName('support-summarizer', 12)).toBe(
      'support-summarizer-v12',
    );
    expect(modelEntityRef('support-summarizer')).toBe(
      'resource:default/support-summarizer',
    );
  });

  it.each([
    ['llama', 'llama'],
    ['LlamaForCausalLM', 'llamaforcausallm'],
    ['PHI / Restricted', 'phi-restricted'],
    ['  spaced  out ', 'spaced-out'],
    ['c++', 'c++'],
    ['gpt_oss', 'gpt-oss'],
    ['x'.repeat(70), 'x'.repeat(63)],
    [`${'y'.repeat(62)}-z`, 'y'.repeat(62)],
  ])('makes the catalog tag of %j: %j', (text, tag) => {
    expect(toCatalogTag(text)).toBe(tag);
  });

  it.each(['', '---', '!!!'])('finds no tag in %j', text => {
    expect(toCatalogTag(text)).toBeUndefined();
  });

  it('keeps distinct tags in first-seen order', () => {
    expect(
      catalogTags(['Internal', undefined, 'internal', 'llama', '']),
    ).toEqual(['internal', 'llama']);
  });
});
