import { describe, expect, it } from 'vitest';
import { decodePermalink } from '../../core/permalink.ts';
import { splitScriptParam, withScriptParam } from './script-param.ts';

const RBKCD = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no';

describe('the script tab in the address', () => {
  it('is split off, leaving the permalink byte for byte', () => {
    const query = `?${RBKCD}&target=web07.corp.example.org&script=rollback&adminSubnet=10.0.50.0%2F24`;
    expect(splitScriptParam(query)).toEqual({ permalink: `?${RBKCD}&target=web07.corp.example.org&adminSubnet=10.0.50.0%2F24`, script: 'rollback' });
  });

  it('is never reported as a problem of the link, and changes no answer', () => {
    const { permalink } = splitScriptParam(`?${RBKCD}&script=rollback`);
    const decoded = decodePermalink(permalink);
    expect(decoded.problems).toEqual([]);
    expect(decoded).toEqual(decodePermalink(`?${RBKCD}`));
  });

  it('keeps every other problem of a bad link, and the first of repeated script keys', () => {
    const { permalink, script } = splitScriptParam(`?${RBKCD}&script=client&colour=blue&script=rollback&who=x`);
    expect(script).toBe('client');
    expect(decodePermalink(permalink).problems.map((p) => p.kind)).toEqual(['unknown-key', 'duplicate-key']);
  });

  it('reads an encoded key or value, and ignores one that does not decode', () => {
    expect(splitScriptParam('?v=1&scr%69pt=r%6Fllback').script).toBe('rollback');
    expect(splitScriptParam('?v=1&script=%E0%A4%A')).toEqual({ permalink: '?v=1', script: undefined });
    expect(splitScriptParam('?script=client')).toEqual({ permalink: '', script: 'client' });
    expect(splitScriptParam('')).toEqual({ permalink: '', script: undefined });
  });

  it('is added after the permalink, encoded, or left out for the first tab', () => {
    expect(withScriptParam(`?${RBKCD}`, 'rollback')).toBe(`?${RBKCD}&script=rollback`);
    expect(withScriptParam(RBKCD, undefined)).toBe(`?${RBKCD}`);
    expect(withScriptParam('', 'a&b')).toBe('?script=a%26b');
    expect(withScriptParam('', undefined)).toBe('');
  });
});
