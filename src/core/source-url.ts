/**
 * The public address of a document the guide cites as a repository path (`owner/repo: path`,
 * how shared/domain/FACTS.md records where a fact was read). Microsoft's documentation
 * repositories are published on Microsoft Learn, so their paths become Learn URLs, which is
 * what a reader can open and an auditor can cite; other repositories link to GitHub.
 */

const LEARN = 'https://learn.microsoft.com';

type Mapper = (path: string) => string | undefined;

/** PowerShell-Docs: conceptual articles under /powershell/scripting, cmdlet and about_ pages under /powershell/module. */
const powershellDocs: Mapper = (path) => {
  const conceptual = /^reference\/docs-conceptual\/(.+)\.(?:md|yml)$/.exec(path);
  if (conceptual) return `${LEARN}/powershell/scripting/${conceptual[1]!.toLowerCase()}`;
  const about = /^reference\/(\d+\.\d+)\/([\w.]+)\/About\/([\w.-]+)\.md$/.exec(path);
  if (about) return `${LEARN}/powershell/module/${about[2]!.toLowerCase()}/about/${about[3]!.toLowerCase()}?view=powershell-${about[1]}`;
  const cmdlet = /^reference\/(\d+\.\d+)\/([\w.]+)\/([\w-]+)\.md$/.exec(path);
  if (cmdlet) return `${LEARN}/powershell/module/${cmdlet[2]!.toLowerCase()}/${cmdlet[3]!.toLowerCase()}?view=powershell-${cmdlet[1]}`;
  return undefined;
};

/** The Windows Server module reference (ActiveDirectory, PKI, GroupPolicy, NetSecurity, ...). */
const windowsPowershellDocs: Mapper = (path) => {
  const cmdlet = /^docset\/(winserver2022-ps)\/([\w.-]+)\/([\w-]+)\.md$/.exec(path);
  if (cmdlet) return `${LEARN}/powershell/module/${cmdlet[2]!.toLowerCase()}/${cmdlet[3]!.toLowerCase()}?view=windowsserver2022-ps`;
  const module = /^docset\/(winserver2022-ps)\/([\w.-]+)\/?$/.exec(path);
  if (module) return `${LEARN}/powershell/module/${module[2]!.toLowerCase()}/?view=windowsserver2022-ps`;
  return undefined;
};

const prefixed =
  (from: RegExp, to: string): Mapper =>
  (path) => {
    const m = from.exec(path);
    return m ? `${LEARN}/${to}/${m[1]!.toLowerCase()}` : undefined;
  };

const MAPPERS: Record<string, Mapper> = {
  'MicrosoftDocs/PowerShell-Docs': powershellDocs,
  'MicrosoftDocs/windows-powershell-docs': windowsPowershellDocs,
  'MicrosoftDocs/win32': prefixed(/^desktop-src\/(.+)\.md$/, 'windows/win32'),
  'MicrosoftDocs/windowsserverdocs': prefixed(/^WindowsServerDocs\/(.+)\.md$/, 'windows-server'),
  'MicrosoftDocs/windows-itpro-docs': prefixed(/^windows\/(.+)\.md$/, 'windows'),
  // The Ansible documentation is published at docs.ansible.com from these .rst files.
  'ansible/ansible-documentation': (path) => {
    const m = /^docs\/docsite\/rst\/(.+)\.rst$/.exec(path);
    return m ? `https://docs.ansible.com/ansible/latest/${m[1]}.html` : undefined;
  },
};

/** `owner/repo: path` split in two, or undefined when `ref` is not written that way. */
export function parseRepositoryRef(ref: string): { repository: string; path: string } | undefined {
  const m = /^([\w.-]+\/[\w.-]+): (\S+)$/.exec(ref);
  return m ? { repository: m[1]!, path: m[2]! } : undefined;
}

/**
 * Where a reader opens `ref`: an https URL as it is; a documentation repository's path as its
 * published page; any other repository's file on GitHub. Undefined for anything else.
 */
export function publicUrl(ref: string): string | undefined {
  if (/^https:\/\/\S+$/.test(ref)) return ref;
  const parsed = parseRepositoryRef(ref);
  if (!parsed) return undefined;
  const mapper = MAPPERS[parsed.repository];
  if (mapper) return mapper(parsed.path);
  return `https://github.com/${parsed.repository}/blob/HEAD/${parsed.path}`;
}

/**
 * A PowerShell reference page's title: its command or about_ topic, which is its file name (the
 * `title:` of those pages), with the version when two pages of that name exist (5.1 and 7.x).
 */
export function referencePageTitle(ref: string): string | undefined {
  const m = /^MicrosoftDocs\/PowerShell-Docs: reference\/(\d+\.\d+)\/[\w.]+\/(?:About\/)?([\w.-]+)\.md$/.exec(ref);
  if (m) return `${m[2]} (${m[1] === '5.1' ? 'Windows PowerShell 5.1' : `PowerShell ${m[1]}`})`;
  return /^MicrosoftDocs\/windows-powershell-docs: docset\/winserver2022-ps\/[\w.-]+\/([\w-]+)\.md$/.exec(ref)?.[1];
}
