/**
 * The JEA endpoint: a role that shows only the commands (and parameters) the example needs, and a
 * session configuration written to a folder only SYSTEM and Administrators can use, so no standard
 * user can change what is registered. The role capability lives in a module under Program Files,
 * which standard users cannot write to and where the session's identity (a gMSA too) can read it.
 */
import { JEA } from '../../rules/constants';
import { writePrivateFolderHelper, type ScriptModel } from '../common';
import { code, q, qList } from '../quote';
import { ps, type PsWriter } from '../writer';
import { targetFacts } from './facts';

export function writeEndpointPreflight(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (!f.jea) return;
  writePrivateFolderHelper(w);
  w.code(ps`
    try {
        $null = ([Security.Principal.NTAccount]$JeaGroup).Translate([Security.Principal.SecurityIdentifier])
    }
    catch {
        throw ('The group ''{0}'' ($JeaGroup) was not found. Create it, or edit the line at the top, then run this script again. Nothing was changed.' -f $JeaGroup)
    }
    if (Get-PSSessionConfiguration -Name ${q(JEA.endpointName)} -ErrorAction SilentlyContinue) {
        Write-Host ${q(`Note: the endpoint ${JEA.endpointName} already exists; it is left as it is.`)}
    }
    $jeaFolder = Join-Path -Path $env:ProgramData -ChildPath ${q(JEA.privateFolder)}
    if ((Test-Path -Path $jeaFolder) -and -not (Test-GuidePrivateFolder -Path $jeaFolder)) {
        throw ('The folder {0} exists but is not private: its owner must be Administrators or SYSTEM and only SYSTEM and Administrators may have access (inheritance off). Someone else may have placed files there. Remove it, or fix its ACL, then run this script again. Nothing was changed.' -f $jeaFolder)
    }
  `);
  if (f.gmsa) {
    w.code(ps`
      try {
          $null = ([Security.Principal.NTAccount]($JeaGmsa.TrimEnd('$') + '$')).Translate([Security.Principal.SecurityIdentifier])
      }
      catch {
          throw ('The gMSA ''{0}'' ($JeaGmsa) was not found. Create it (New-ADServiceAccount, with this server in -PrincipalsAllowedToRetrieveManagedPassword), then run this script again. Nothing was changed.' -f $JeaGmsa)
      }
    `);
  }
}

/**
 * The role capability: the commands the user listed (every parameter visible), or the example role
 * (read services, restart only the Print Spooler, with its parameters listed).
 */
function writeRoleCapability(w: PsWriter, m: ScriptModel): void {
  const commands = m.jeaCommands;
  if (commands && commands.length > 0) {
    w.code(ps`
        # The commands you listed on the recommendation page. Every parameter of each is visible: restrict the
        # parameters of any command that can reach other computers or run code (@{ Name = ...; Parameters = ... }).
        $visibleCmdlets = @(${qList(commands)})
        New-PSRoleCapabilityFile -Path $roleFile -VisibleCmdlets $visibleCmdlets
    `);
    return;
  }
  w.code(ps`
        # Example role: read services, restart only the Print Spooler. List the parameters of every visible command:
        # Windows PowerShell's Get-Service also has -ComputerName, which would reach other computers. Never wildcards.
        $getService = @{ Name = 'Microsoft.PowerShell.Management\Get-Service'; Parameters = @{ Name = 'Name' }, @{ Name = 'DisplayName' } }
        $restartSpooler = @{ Name = 'Microsoft.PowerShell.Management\Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'Spooler' } }
        New-PSRoleCapabilityFile -Path $roleFile -VisibleCmdlets $getService, $restartSpooler
  `);
}

export function writeEndpoint(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (!f.jea) return;
  w.section(`JEA endpoint ${JEA.endpointName}`);
  w.code(ps`
    if (Get-PSSessionConfiguration -Name ${q(JEA.endpointName)} -ErrorAction SilentlyContinue) {
        Write-Host ${q(`Unchanged: the endpoint ${JEA.endpointName} already exists. To change it, run the rollback script or Unregister-PSSessionConfiguration -Name ${JEA.endpointName}, then run this script again.`)}
    }
  `);
  w.indented('else {', () => {
    w.code(ps`
      $jeaModule = Join-Path -Path $env:ProgramFiles -ChildPath ${q(`WindowsPowerShell\\Modules\\${JEA.moduleName}`)}
      if (-not (Test-Path -Path $jeaModule)) {
          Save-GuideChange @{ Kind = 'PathCreated'; Path = $jeaModule }
          $null = New-Item -Path (Join-Path -Path $jeaModule -ChildPath 'RoleCapabilities') -ItemType Directory -Force
          New-ModuleManifest -Path (Join-Path -Path $jeaModule -ChildPath ${q(`${JEA.moduleName}.psd1`)})
      }
      $roleFile = Join-Path -Path $jeaModule -ChildPath ${q(`RoleCapabilities\\${JEA.roleName}.psrc`)}
    `);
    writeRoleCapability(w, m);
    w.code(ps`
      if (-not (Test-Path -Path $jeaFolder)) {
          Save-GuideChange @{ Kind = 'PathCreated'; Path = $jeaFolder }
          New-GuidePrivateFolder -Path $jeaFolder
      }
      $sessionFile = Join-Path -Path $jeaFolder -ChildPath ${q(`${JEA.endpointName}.pssc`)}
      New-PSSessionConfigurationFile -Path $sessionFile -SessionType RestrictedRemoteServer ${code(f.gmsa ? '-GroupManagedServiceAccount $JeaGmsa' : '-RunAsVirtualAccount')} -RoleDefinitions @{ $JeaGroup = @{ RoleCapabilities = ${q(JEA.roleName)} } } -TranscriptDirectory ${q(JEA.transcriptDirectory)}
      if (-not (Test-PSSessionConfigurationFile -Path $sessionFile)) {
          throw ('The session configuration file {0} is not valid. Changes made so far are recorded in {1}.' -f $sessionFile, $GuideBackupFolder)
      }
      Save-GuideChange @{ Kind = 'SessionConfiguration'; Name = ${q(JEA.endpointName)}; Files = @($roleFile, $sessionFile) }
      $null = Register-PSSessionConfiguration -Name ${q(JEA.endpointName)} -Path $sessionFile -Force
      Write-Host ('Registered the JEA endpoint {0} for {1}; WinRM was restarted' -f ${q(JEA.endpointName)}, $JeaGroup)
      Write-Host ${q(`Check what a user can run with: Get-PSSessionCapability -ConfigurationName ${JEA.endpointName} -Username <a member of the group>`)}
    `);
  });
}
