import { describe, expect, test } from 'vitest';
import { toJsonExport } from './export-json';
import { RecommendationExportSchema } from './export-json-schema';
import { recommend } from './recommend';
import { SOURCES } from './sources';

const rec = recommend({
  platform: 'windows',
  domain: 'same',
  address: 'name',
  assurance: 'standard',
  network: 'private',
  who: 'admins',
  hop: 'files',
  adcontrol: 'yes',
  trust: 'normal',
  protected: 'no',
});

describe('the export resolves its sources', () => {
  const out = toJsonExport(rec);

  test('every cited key, and only those, with its title, publisher and link', () => {
    const cited = new Set(
      [...out.rationale, ...out.warnings, ...out.alternatives, ...out.settings, ...(out.groupPolicy?.rows ?? [])].flatMap((i) => i.sources),
    );
    expect(new Set(Object.keys(out.sources))).toEqual(cited);
    expect(out.sources.WSEC).toEqual({
      title: 'Security considerations for PowerShell Remoting using WinRM',
      publisher: 'Microsoft Learn',
      url: 'https://learn.microsoft.com/powershell/scripting/security/remoting/winrm-security',
    });
    expect(out.sources.HOP?.url).toBe(SOURCES.HOP.url);
  });

  test('the schema refuses an export that cites a key it does not resolve', () => {
    expect(RecommendationExportSchema.safeParse(out).success).toBe(true);
    const { WSEC: _dropped, ...rest } = out.sources;
    const broken = RecommendationExportSchema.safeParse({ ...out, sources: rest });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues[0]?.path).toEqual(['sources', 'WSEC']);
  });

  test('the schema refuses a source without an https link', () => {
    const broken = { ...out, sources: { ...out.sources, WSEC: { ...out.sources.WSEC!, url: 'http://learn.microsoft.com/x' } } };
    expect(RecommendationExportSchema.safeParse(broken).success).toBe(false);
  });
});
