import { versionEtag, versionFromIfMatch } from './etag';
import { DomainError, ErrorCode } from './problem';

const messages = { missing: 'send If-Match', invalid: 'not an ETag of this' };

describe('If-Match versions', () => {
  it('reads strong and weak ETags and *', () => {
    expect(versionFromIfMatch(versionEtag(3), messages)).toBe(3);
    expect(versionFromIfMatch(' W/"12" ', messages)).toBe(12);
    expect(versionFromIfMatch('*', messages)).toBe('*');
  });

  it('missing is 428, anything else 412, with the caller\'s words', () => {
    const codeOf = (v: string | undefined) => {
      try {
        versionFromIfMatch(v, messages);
      } catch (e) {
        return [(e as DomainError).code, (e as DomainError).detail];
      }
      return undefined;
    };
    expect(codeOf(undefined)).toEqual([ErrorCode.PreconditionRequired, 'send If-Match']);
    expect(codeOf('  ')).toEqual([ErrorCode.PreconditionRequired, 'send If-Match']);
    expect(codeOf('3')).toEqual([ErrorCode.PreconditionFailed, 'not an ETag of this']);
    expect(codeOf('"1234567890"')).toEqual([ErrorCode.PreconditionFailed, 'not an ETag of this']);
  });
});
