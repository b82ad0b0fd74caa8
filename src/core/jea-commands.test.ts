/** The JEA role's commands: hostile input until checked, then carried like the host names. */
import { describe, expect, test } from 'vitest';
import { MAX_JEA_COMMANDS, validateJeaCommands } from './jea-commands';
import { decodePermalink, encodeAnswers } from './permalink';
import { recommend, recommendModel } from './recommend';
import { InvalidJeaCommandsError } from './recommend-model';

const helpDesk = { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'delegated', hop: 'none' } as const;
const admins = { ...helpDesk, who: 'admins' } as const;

describe('validateJeaCommands', () => {
  test('accepts Verb-Noun and module-qualified names, separated by commas, spaces or lines; duplicates once', () => {
    expect(validateJeaCommands('Get-Service, Restart-Service\nMicrosoft.PowerShell.Management\\Get-Process  get-service')).toEqual({
      ok: true,
      commands: ['Get-Service', 'Restart-Service', 'Microsoft.PowerShell.Management\\Get-Process'],
    });
  });

  test.each([
    ["Get-Service';Remove-Item", 'is not a command name'],
    ['Get-Service;Stop-Computer', 'is not a command name'],
    ['$(Stop-Computer)', 'is not a command name'],
    ['Get-Item`nStop-Computer', 'is not a command name'],
    ['"Get-Service"', 'is not a command name'],
    ['<img/src=x>', 'is not a command name'],
    ['Get-*', 'has a wildcard'],
    ['*-Process', 'has a wildcard'],
    ['Start-Process', 'escape the role'],
    ['Microsoft.PowerShell.Management\\Start-Process', 'escape the role'],
    ['Invoke-Expression', 'escape the role'],
    ['Receive-Job', 'escape the role'],
    ['Get‐Service', 'outside printable ASCII'],
    ['Stop', 'is not a command name'],
    [`Get-${'A'.repeat(200)}`, 'longer than'],
  ])('refuses %s with a message naming the entry', (entry, reason) => {
    const result = validateJeaCommands(`Get-Service, ${entry}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toContain(reason);
    expect(result.problems[0]?.message.startsWith('"')).toBe(true);
  });

  test('limits the count and the length, and never throws on odd input', () => {
    const many = Array.from({ length: MAX_JEA_COMMANDS + 1 }, (_, i) => `Get-Thing${i}`).join(',');
    expect(validateJeaCommands(many)).toMatchObject({ ok: false, message: expect.stringContaining(`At most ${MAX_JEA_COMMANDS}`) });
    expect(validateJeaCommands('Get-Service,'.repeat(400)).ok).toBe(false);
    expect(validateJeaCommands(42).ok).toBe(false);
    expect(validateJeaCommands('  ,  ').ok).toBe(false);
  });
});

describe('the commands in the recommendation', () => {
  test('reach the role capability through the serializer, and the example stays when empty', () => {
    const custom = recommend(helpDesk, { jeaCommands: 'Get-Service, Microsoft.PowerShell.Management\\Restart-Service' }).scripts.target;
    expect(custom).toContain("$visibleCmdlets = @('Get-Service', 'Microsoft.PowerShell.Management\\Restart-Service')");
    expect(custom).toContain('New-PSRoleCapabilityFile -Path $roleFile -VisibleCmdlets $visibleCmdlets');
    expect(custom).not.toContain('$restartSpooler');
    const example = recommend(helpDesk, { jeaCommands: '  ' }).scripts.target;
    expect(example).toContain('-VisibleCmdlets $getService, $restartSpooler');
  });

  test('hostile entries are refused before they reach a script', () => {
    expect(() => recommendModel(helpDesk, { jeaCommands: "Get-Service'; Stop-Computer; '" })).toThrow(InvalidJeaCommandsError);
  });

  test('only the JEA path carries them; the warning names them', () => {
    expect(recommendModel(admins, { jeaCommands: 'Get-Service' }).jeaCommands).toBeUndefined();
    const rec = recommendModel(helpDesk, { jeaCommands: 'Get-Service' });
    expect(rec.jeaCommands).toEqual(['Get-Service']);
    expect(rec.warnings.find((w) => w.id === 'jea-role-review')?.message).toContain('the commands you listed (Get-Service)');
  });

  test('are carried in the link like the host names, and a hostile value in a link is a problem, not a command', () => {
    const query = encodeAnswers(helpDesk, { jeaCommands: 'Get-Service\nRestart-Service' }, { includeHosts: true });
    expect(query).toContain('jeaCommands=Get-Service%2CRestart-Service');
    expect(encodeAnswers(helpDesk, { jeaCommands: 'Get-Service' })).not.toContain('jeaCommands');
    expect(decodePermalink(query).hosts.jeaCommands).toBe('Get-Service, Restart-Service');
    const hostile = decodePermalink(`${encodeAnswers(helpDesk)}&jeaCommands=${encodeURIComponent('Start-Process')}`);
    expect(hostile.hosts.jeaCommands).toBeUndefined();
    expect(hostile.problems.map((p) => p.kind)).toContain('invalid-jea-commands');
    expect(recommendModel(helpDesk, { jeaCommands: 'Get-Service' }, { includeHostsInPermalink: true }).permalink).toContain('jeaCommands=Get-Service');
  });
});
