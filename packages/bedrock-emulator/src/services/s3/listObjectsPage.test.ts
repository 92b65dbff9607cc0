import { compareKeys, listObjectsPage } from './listObjectsPage';

const objects = (...keys: string[]) =>
  keys.sort(compareKeys).map(key => ({ key }));
const keysOf = (page: { contents: Array<{ key: string }> }) =>
  page.contents.map(o => o.key);

describe('compareKeys', () => {
  it('orders by UTF-8 bytes, not by locale or UTF-16 units', () => {
    expect(
      ['b', 'B', 'a-b', 'a/b', 'é', '\uFF5E', '😀'].sort(compareKeys),
    ).toEqual(['B', 'a-b', 'a/b', 'b', 'é', '\uFF5E', '😀']);
  });
});

describe('listObjectsPage', () => {
  const all = objects('a/1', 'a/2', 'a/b/3', 'b', 'c/4', 'd');

  it('lists everything when there are fewer keys than maxKeys', () => {
    const page = listObjectsPage(all, { prefix: '', maxKeys: 1000 });
    expect(keysOf(page)).toEqual(['a/1', 'a/2', 'a/b/3', 'b', 'c/4', 'd']);
    expect(page.isTruncated).toBe(false);
    expect(page.next).toBeUndefined();
  });

  it('rolls keys up at the first delimiter after the prefix', () => {
    const top = listObjectsPage(all, {
      prefix: '',
      delimiter: '/',
      maxKeys: 1000,
    });
    expect(keysOf(top)).toEqual(['b', 'd']);
    expect(top.commonPrefixes).toEqual(['a/', 'c/']);
    const underA = listObjectsPage(objects('a/1', 'a/2', 'a/b/3'), {
      prefix: 'a/',
      delimiter: '/',
      maxKeys: 1000,
    });
    expect(keysOf(underA)).toEqual(['a/1', 'a/2']);
    expect(underA.commonPrefixes).toEqual(['a/b/']);
  });

  it('supports multi-character delimiters', () => {
    const page = listObjectsPage(objects('x--y--z', 'x--w', 'v'), {
      prefix: '',
      delimiter: '--',
      maxKeys: 10,
    });
    expect(page.commonPrefixes).toEqual(['x--']);
    expect(keysOf(page)).toEqual(['v']);
  });

  it('counts a common prefix once and resumes after it', () => {
    const first = listObjectsPage(all, {
      prefix: '',
      delimiter: '/',
      maxKeys: 1,
    });
    expect(first.commonPrefixes).toEqual(['a/']);
    expect(first.isTruncated).toBe(true);
    expect(first.next).toEqual({ marker: 'a/', markerIsPrefix: true });
    const second = listObjectsPage(all, {
      prefix: '',
      delimiter: '/',
      maxKeys: 2,
      resumeAfter: first.next,
    });
    expect(keysOf(second)).toEqual(['b']);
    expect(second.commonPrefixes).toEqual(['c/']);
    expect(second.isTruncated).toBe(true);
    const third = listObjectsPage(all, {
      prefix: '',
      delimiter: '/',
      maxKeys: 2,
      resumeAfter: second.next,
    });
    expect(keysOf(third)).toEqual(['d']);
    expect(third.isTruncated).toBe(false);
  });

  it('is not truncated when the page ends exactly at the last key', () => {
    const page = listObjectsPage(objects('a', 'b'), { prefix: '', maxKeys: 2 });
    expect(page.isTruncated).toBe(false);
  });

  it('starts after StartAfter and drops common prefixes not after it', () => {
    const page = listObjectsPage(all, {
      prefix: '',
      delimiter: '/',
      maxKeys: 10,
      startAfter: 'a/1',
    });
    expect(page.commonPrefixes).toEqual(['c/']);
    expect(keysOf(page)).toEqual(['b', 'd']);
    expect(
      keysOf(
        listObjectsPage(all, { prefix: '', maxKeys: 10, startAfter: 'b' }),
      ),
    ).toEqual(['c/4', 'd']);
  });

  it('answers an empty, untruncated page for maxKeys 0', () => {
    expect(listObjectsPage(all, { prefix: '', maxKeys: 0 })).toEqual({
      contents: [],
      commonPrefixes: [],
      isTruncated: false,
    });
  });
});
