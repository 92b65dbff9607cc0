import {
  escapeXml,
  MalformedXmlError,
  readFlatXmlDocument,
  unescapeXml,
  xmlDocument,
  xmlErrorDocument,
  xmlText,
} from './s3Xml';

describe('escapeXml', () => {
  it('escapes markup characters and quotes', () => {
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe(
      'a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;',
    );
  });

  it('writes line breaks and control characters as character references, keeping tabs', () => {
    expect(escapeXml('a\r\nb\u0001c\td')).toBe('a&#x0D;&#x0A;b&#x01;c\td');
  });

  it('leaves other text, unicode included, unchanged', () => {
    expect(escapeXml('ünï/cødé ✓ 😀')).toBe('ünï/cødé ✓ 😀');
  });

  it('round-trips through unescapeXml', () => {
    const text = `k&<>"'\r\n\u0007ü😀`;
    expect(unescapeXml(escapeXml(text))).toBe(text);
  });
});

describe('document builders', () => {
  it('put the root in S3 namespace and escape text', () => {
    expect(xmlDocument('Root', [xmlText('Key', 'a&b')])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<Root xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Key>a&amp;b</Key></Root>',
    );
  });

  it('writes errors without a namespace', () => {
    expect(xmlErrorDocument([xmlText('Code', 'NoSuchKey')])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code></Error>',
    );
  });
});

describe('readFlatXmlDocument', () => {
  it('reads the children of the expected root, with declaration, namespace and entities', () => {
    expect(
      readFlatXmlDocument(
        '<?xml version="1.0" encoding="UTF-8"?>\n<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n  <LocationConstraint>eu-west-1</LocationConstraint>\n</CreateBucketConfiguration>',
        'CreateBucketConfiguration',
      ),
    ).toEqual({ LocationConstraint: 'eu-west-1' });
    expect(readFlatXmlDocument('<R><A>x&amp;y</A><B/></R>', 'R')).toEqual({
      A: 'x&y',
      B: '',
    });
    expect(readFlatXmlDocument('<R/>', 'R')).toEqual({});
  });

  it('keeps the raw inner XML of a nested child so callers can refuse it', () => {
    expect(
      readFlatXmlDocument('<R><Tags><Tag>t</Tag></Tags></R>', 'R'),
    ).toEqual({
      Tags: '<Tag>t</Tag>',
    });
  });

  it.each([
    '<Other/>',
    '<R><A>x</R>',
    '<R>text</R>',
    '<R><A>x</B></R>',
    'not xml',
  ])('refuses %p', xml => {
    expect(() => readFlatXmlDocument(xml, 'R')).toThrow(MalformedXmlError);
  });
});
