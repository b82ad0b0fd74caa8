/** Target and client scripts for the WinRM paths (Windows at both ends). */
import { CERTIFICATE, JEA, PATHS } from '../rules/constants';
import { WSMAN } from '../rules/settings';
import {
  writeAdminSubnetCheck,
  writeBackup,
  writeDone,
  writeElevationCheckWindows,
  writeExampleCheck,
  writeFirewallHelper,
  writeFirewallRules,
  writeHeader,
  writeModuleCheck,
  writePrologue,
  writeSetting,
  writeVariables,
  writeVersionCheck,
  writeWSManHelper,
  type EditableVariable,
  type ScriptModel,
} from './common';
import { bool, code, q } from './quote';
import { mappedAccount } from './render-winrm-client';
import { PsWriter, ps } from './writer';

const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

function jeaGroupExample(m: ScriptModel): string {
  if (m.answers.domain === 'workgroup') return JEA.exampleLocalGroup;
  if (m.answers.domain === 'untrusted') return JEA.exampleGroupUntrusted;
  return JEA.exampleGroup;
}

function targetDoes(m: ScriptModel): string[] {
  const does: string[] = ['saves the WinRM configuration and the previous value of everything it changes'];
  does.push('turns off unencrypted traffic and Basic authentication on the WinRM service');
  does.push(m.secondHop === 'credssp' ? 'enables CredSSP on the service (Role Server) for the second hop' : 'turns off CredSSP on the service');
  if (m.transport === 'https') {
    does.push(
      m.certificate?.source === 'self-signed'
        ? 'creates a self-signed server certificate for $Target and exports its public part for the clients'
        : m.certificate?.template
          ? 'uses an installed certificate from your enterprise CA for $Target, or requests one (Get-Certificate -Template $CertificateTemplate)'
          : 'uses the certificate for $Target that you installed from your CA (it stops if there is none)',
    );
    does.push('creates the HTTPS listener on port 5986');
  }
  if (m.authentication === 'certificate') {
    does.push('imports the client certificate into LocalMachine\\Root and LocalMachine\\TrustedPeople (after checking its thumbprint)');
    does.push('enables certificate authentication and maps the client certificate to $MappedUser (it asks for that account\'s password)');
  }
  if (m.httpListener === 'removed') does.push('sets channel binding to Strict and removes the HTTP listener (5985)');
  does.push(`limits the firewall to $AdminSubnet (${m.firewall.rules.map((r) => `TCP ${r.port}`).join(', ')}) and disables the built-in WinRM HTTP rules`);
  if (m.endpoint === 'jea') {
    does.push(
      `registers the JEA endpoint ${JEA.endpointName} for $JeaGroup (${m.secondHop === 'jea-gmsa' ? 'runs as the gMSA $JeaGmsa' : 'virtual account'}, transcripts)`,
    );
  }
  does.push('turns on script block logging (unless $EnableScriptBlockLogging is $false)');
  does.push('warns (without changing it) if LocalAccountTokenFilterPolicy is 1');
  return does;
}

export function renderWinRMTarget(m: ScriptModel): string {
  const w = new PsWriter();
  const https = m.transport === 'https';
  const selfSigned = m.certificate?.source === 'self-signed';
  const certAuth = m.authentication === 'certificate';
  const jea = m.endpoint === 'jea';
  const gmsa = m.secondHop === 'jea-gmsa';
  const needsLocalSession = m.httpListener === 'removed' || jea;
  // HTTPS paths whose firewall keeps no rule for 5985 while the built-in HTTP rules are disabled.
  const closesHttpPort = https && !m.firewall.rules.some((r) => r.port === 5985) && m.firewall.disablesBuiltInRules.length > 0;
  // Get-Certificate can only enroll a DNS name on a domain-joined computer.
  const canEnroll = https && !selfSigned && m.answers.domain !== 'workgroup' && m.answers.address !== 'ip';

  writeHeader(w, m, {
    role: 'target',
    title: 'target script',
    requiresAdmin: true,
    requiresVersion: '5.1',
    runOn: `the server you connect to (${m.hosts.target.value}), in an elevated Windows PowerShell 5.1 or PowerShell 7 session${needsLocalSession ? ' at its console or over RDP (not over remoting)' : ''}.`,
    does: targetDoes(m),
  });

  const vars: EditableVariable[] = [
    {
      name: 'Target',
      value: q(m.hosts.target.value),
      comment: https ? 'The name or address clients use to reach this server (the certificate is issued for it).' : 'The name or address clients use to reach this server.',
    },
    {
      name: 'AdminSubnet',
      value: q(m.firewall.remoteAddress.example),
      comment: "The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as @('10.0.50.0/24', '10.0.51.0/24'). Never Any.",
    },
  ];
  if (jea) {
    vars.push({
      name: 'JeaGroup',
      value: q(jeaGroupExample(m)),
      comment: m.answers.domain === 'workgroup' ? 'The local group whose members may use the JEA endpoint.' : 'The group whose members may use the JEA endpoint.',
    });
  }
  if (gmsa) {
    vars.push({ name: 'JeaGmsa', value: q(JEA.exampleGmsa), comment: 'The group managed service account the JEA endpoint runs as (it must already exist).' });
  }
  if (canEnroll) {
    vars.push({
      name: 'CertificateTemplate',
      value: q(m.certificate?.template ?? CERTIFICATE.enterpriseTemplate),
      comment: "Your enterprise CA's template for server certificates (the name may differ in your CA); only used if no valid certificate is installed.",
    });
  }
  if (certAuth) {
    vars.push({
      name: 'MappedUser',
      value: q(mappedAccount(m)),
      comment: jea
        ? 'The local account the client certificate logs on as (it must exist, be a member of $JeaGroup and not an administrator).'
        : 'The local account the client certificate logs on as (it must exist).',
    });
    vars.push({
      name: 'ClientCertificateFile',
      value: q(`C:\\PSRemotingGuide\\${CERTIFICATE.clientCertificateFile}`),
      comment: 'The client certificate exported by the client script (copy it here).',
    });
    vars.push({
      name: 'ClientCertificateThumbprint',
      value: q(CERTIFICATE.thumbprintPlaceholder),
      comment: 'The thumbprint the client script printed, to check that the file is the right one.',
    });
  }
  vars.push({ name: 'EnableScriptBlockLogging', value: bool(true), comment: 'Set to $false if Group Policy already manages PowerShell logging.' });
  writeVariables(w, vars);

  w.blank();
  w.indented('& {', () => {
    writePrologue(w);

    w.section('Pre-flight checks: nothing is changed here');
    writeElevationCheckWindows(w);
    writeVersionCheck(w, '5.1');
    writeExampleCheck(w, 'Target');
    writeAdminSubnetCheck(w);
    w.code(ps`
      $winrmService = Get-Service -Name WinRM -ErrorAction SilentlyContinue
      if (-not $winrmService) {
          throw 'The WinRM service is not installed on this computer. Nothing was changed.'
      }
      if ($winrmService.Status -ne 'Running') {
          throw 'The WinRM service is not running. Enable remoting first with Enable-PSRemoting -Force (on a client edition on a Public network: Enable-PSRemoting -SkipNetworkProfileCheck -Force), then run this script again. Nothing was changed.'
      }
    `);
    if (needsLocalSession) {
      w.code(ps`
        if ($null -ne $PSSenderInfo) {
            throw 'Run this script in a local session (console or RDP): it restarts WinRM or removes the HTTP listener, which would cut this remote session off halfway. Nothing was changed.'
        }
      `);
    } else if (closesHttpPort) {
      // The built-in HTTP rules are disabled and no guide rule admits 5985 (workgroup HTTPS):
      // a session that came in over HTTP would lose its port halfway through the script.
      w.code(ps`
        if ($null -ne $PSSenderInfo -and [string]$PSSenderInfo.ConnectionString -notmatch '^https:') {
            throw 'This remote session uses HTTP (port 5985), which this script closes in the firewall. Run it in a local session (console or RDP), or over HTTPS. Nothing was changed.'
        }
      `);
    }
    writeModuleCheck(w, 'NetSecurity', 'It provides the firewall cmdlets (Windows 8 / Server 2012 and later).');
    if (https || certAuth) writeModuleCheck(w, 'PKI', 'It provides the certificate cmdlets (Windows 8 / Server 2012 and later).');
    if (jea) {
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
      `);
    }
    if (gmsa) {
      w.code(ps`
        try {
            $null = ([Security.Principal.NTAccount]($JeaGmsa.TrimEnd('$') + '$')).Translate([Security.Principal.SecurityIdentifier])
        }
        catch {
            throw ('The gMSA ''{0}'' ($JeaGmsa) was not found. Create it (New-ADServiceAccount, with this server in -PrincipalsAllowedToRetrieveManagedPassword), then run this script again. Nothing was changed.' -f $JeaGmsa)
        }
      `);
    }
    if (certAuth) {
      writeExampleCheck(w, 'ClientCertificateThumbprint');
      w.code(ps`
        if (-not (Get-LocalUser -Name $MappedUser -ErrorAction SilentlyContinue)) {
            throw ('The local account ''{0}'' ($MappedUser) does not exist. Create it first (New-LocalUser -Name {0}), add it to the groups it needs, then run this script again. Nothing was changed.' -f $MappedUser)
        }
        if (-not (Test-Path -Path $ClientCertificateFile)) {
            throw ('The client certificate file {0} was not found. Run the client script first and copy the .cer file it exports to this path. Nothing was changed.' -f $ClientCertificateFile)
        }
        $clientCertificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($ClientCertificateFile)
        if ($clientCertificate.Thumbprint -ne ($ClientCertificateThumbprint -replace '\s', '')) {
            throw ('The certificate in {0} has the thumbprint {1}, not the one in $ClientCertificateThumbprint. Copy the right file. Nothing was changed.' -f $ClientCertificateFile, $clientCertificate.Thumbprint)
        }
      `);
    }
    if (https) {
      const selfSignedTest = selfSigned ? '$_.Issuer -eq $_.Subject' : '$_.Issuer -ne $_.Subject';
      w.code(ps`
        $targetIsAddress = ($Target -match '^[0-9.]+$') -or $Target.Contains(':')
        $serverCertificate = Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object {
            $_.HasPrivateKey -and $_.NotAfter -gt (Get-Date).AddDays(30) -and (${code(selfSignedTest)}) -and
            $_.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false) -eq $Target -and
            (@($_.EnhancedKeyUsageList.ObjectId) -contains ${q(SERVER_AUTH_OID)})
        } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1
      `);
      if (canEnroll) {
        w.code(ps`
          if (-not $serverCertificate -and ($targetIsAddress -or -not (Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain)) {
              throw ('No valid certificate for {0} is installed in Cert:\LocalMachine\My, and this script can only request one for a DNS name on a domain-joined computer. Install a certificate from your CA (subject CN={0}, a SAN entry for {0}, Server Authentication EKU, with its private key), then run this script again. Nothing was changed.' -f $Target)
          }
        `);
      } else if (!selfSigned) {
        w.code(ps`
          if (-not $serverCertificate) {
              throw ('No valid certificate for {0} is installed in Cert:\LocalMachine\My. Request one from your CA for this name or address (subject CN={0}; for an IP address a SAN entry of type IP address; Server Authentication EKU), install it with its private key, then run this script again. Nothing was changed.' -f $Target)
          }
        `);
      }
    }

    writeBackup(w, m, 'target', { winrmConfig: true, root: 'windows' });
    writeWSManHelper(w);
    writeFirewallHelper(w);

    w.section('WinRM service hardening');
    writeSetting(w, WSMAN.serviceAllowUnencrypted, 'false');
    writeSetting(w, WSMAN.serviceBasic, 'false');
    if (m.secondHop === 'credssp') {
      w.code(ps`
        if ([string](Get-Item -Path ${q(WSMAN.serviceCredSSP)}).Value -eq 'true') {
            Write-Host 'Unchanged: CredSSP is already enabled on the service'
        }
        else {
            Save-GuideChange @{ Kind = 'CredSSPEnabled'; Role = 'Server'; PreviouslyEnabled = $false }
            $null = Enable-WSManCredSSP -Role Server -Force
            Write-Host 'Enabled CredSSP on the service (Role Server) for the second hop'
        }
      `);
    } else {
      writeSetting(w, WSMAN.serviceCredSSP, 'false');
    }

    if (https) {
      w.section('Server certificate and HTTPS listener');
      w.code(ps`
        if ($serverCertificate) {
            Write-Host ('Using the installed certificate {0} (expires {1:yyyy-MM-dd})' -f $serverCertificate.Thumbprint, $serverCertificate.NotAfter)
        }
      `);
      if (selfSigned) {
        w.code(ps`
          else {
              if ($targetIsAddress) {
                  $serverCertificate = New-SelfSignedCertificate -Subject ('CN=' + $Target) -TextExtension @('2.5.29.17={text}IPAddress=' + $Target) -CertStoreLocation Cert:\LocalMachine\My -KeyExportPolicy NonExportable
              }
              else {
                  $serverCertificate = New-SelfSignedCertificate -DnsName $Target -CertStoreLocation Cert:\LocalMachine\My -KeyExportPolicy NonExportable
              }
              Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\My\' + $serverCertificate.Thumbprint) }
              Write-Host ('Created the self-signed certificate {0} for {1} (valid until {2:yyyy-MM-dd}; renew it before then)' -f $serverCertificate.Thumbprint, $Target, $serverCertificate.NotAfter)
          }
          $serverCertificateFile = Join-Path -Path $GuideBackupRoot -ChildPath ${q(CERTIFICATE.serverCertificateFile)}
          $null = Export-Certificate -Cert $serverCertificate -FilePath $serverCertificateFile -Type CERT -Force
          Write-Host ('Copy {0} to each client. Its thumbprint, which the client script asks for: {1}' -f $serverCertificateFile, $serverCertificate.Thumbprint)
        `);
      } else if (canEnroll) {
        w.code(ps`
          else {
              $certificateRequest = Get-Certificate -Template $CertificateTemplate -DnsName $Target -SubjectName ('CN=' + $Target) -CertStoreLocation Cert:\LocalMachine\My
              if ([string]$certificateRequest.Status -ne 'Issued') {
                  throw ('The certificate request (template {0}) is {1}. If it waits for approval by a CA manager, run this script again once it is issued. Changes made so far are recorded in {2}.' -f $CertificateTemplate, $certificateRequest.Status, $GuideBackupFolder)
              }
              $serverCertificate = $certificateRequest.Certificate
              Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\My\' + $serverCertificate.Thumbprint) }
              Write-Host ('Enrolled the certificate {0} for {1} from template {2}' -f $serverCertificate.Thumbprint, $Target, $CertificateTemplate)
          }
        `);
      }
      w.code(ps`
        $httpsListener = Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | Where-Object { $_.Transport -eq 'HTTPS' -and $_.Address -eq '*' } | Select-Object -First 1
        if ($httpsListener -and $httpsListener.CertificateThumbprint -eq $serverCertificate.Thumbprint -and $httpsListener.Hostname -eq $Target) {
            Write-Host 'Unchanged: the HTTPS listener already uses this certificate'
        }
        else {
            if ($httpsListener) {
                Save-GuideChange @{ Kind = 'ListenerRemoved'; Address = '*'; Transport = 'HTTPS'; Port = [string]$httpsListener.Port; Hostname = [string]$httpsListener.Hostname; CertificateThumbprint = [string]$httpsListener.CertificateThumbprint }
                Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{ Address = '*'; Transport = 'HTTPS' }
            }
            Save-GuideChange @{ Kind = 'ListenerCreated'; Address = '*'; Transport = 'HTTPS' }
            $null = New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{ Address = '*'; Transport = 'HTTPS' } -ValueSet @{ Hostname = $Target; CertificateThumbprint = $serverCertificate.Thumbprint }
            Write-Host ('Created the HTTPS listener on port 5986 for {0}' -f $Target)
        }
      `);
    }

    if (certAuth) {
      w.section('Client certificate authentication');
      w.code(ps`
        foreach ($store in @('Root', 'TrustedPeople')) {
            $storePath = 'Cert:\LocalMachine\' + $store + '\' + $clientCertificate.Thumbprint
            if (Test-Path -Path $storePath) {
                Write-Host ('Unchanged: the client certificate is already in LocalMachine\{0}' -f $store)
            }
            else {
                Save-GuideChange @{ Kind = 'CertificateImported'; Path = $storePath }
                $null = Import-Certificate -FilePath $ClientCertificateFile -CertStoreLocation ('Cert:\LocalMachine\' + $store)
                Write-Host ('Imported the client certificate into LocalMachine\{0}' -f $store)
            }
        }
      `);
      writeSetting(w, WSMAN.serviceCertificate, 'true');
      w.code(ps`
        $mappingSubject = $MappedUser + '@localhost'
        foreach ($mapping in @(Get-ChildItem -Path WSMan:\localhost\ClientCertificate)) {
            $mappingPath = 'WSMan:\localhost\ClientCertificate\' + $mapping.Name
            $mappedSubject = [string](Get-Item -Path ($mappingPath + '\Subject')).Value
            $mappedIssuer = [string](Get-Item -Path ($mappingPath + '\Issuer')).Value
            if ($mappedSubject -eq $mappingSubject -and $mappedIssuer -eq $clientCertificate.Thumbprint) {
                Write-Host 'Replacing the existing mapping for this certificate (for example after a password change)'
                Save-GuideChange @{ Kind = 'Note'; Text = ('The certificate mapping {0} for {1} was replaced; re-create it with New-Item -Path WSMan:\localhost\ClientCertificate if you roll back.' -f $mapping.Name, $mappingSubject) }
                Remove-Item -Path $mappingPath -Recurse -Force
            }
        }
        $mappingCredential = Get-Credential -UserName $MappedUser -Message ('Password of the local account {0} (the certificate mapping stores it)' -f $MappedUser)
        $newMapping = New-Item -Path WSMan:\localhost\ClientCertificate -Subject $mappingSubject -URI * -Issuer $clientCertificate.Thumbprint -Credential $mappingCredential -Force
        Save-GuideChange @{ Kind = 'ClientCertificateMapping'; Path = ('WSMan:\localhost\ClientCertificate\' + $newMapping.Name) }
        Write-Host ('Mapped the client certificate {0} to the local account {1}' -f $clientCertificate.Thumbprint, $MappedUser)
        # Get-LocalGroupMember throws on groups holding orphaned SIDs; the check is advice only.
        try {
            $mappedMember = Get-LocalGroupMember -SID 'S-1-5-32-544' | Where-Object { $_.Name -like ('*\' + $MappedUser) }
        }
        catch {
            $mappedMember = $null
            Write-Warning ('Could not list the local Administrators group ({0}); check yourself whether {1} is an administrator other than the built-in one.' -f $_.Exception.Message, $MappedUser)
        }
        $mappedSid = (Get-LocalUser -Name $MappedUser).SID.Value
        $tokenFilter = (Get-ItemProperty -Path ${q(PATHS.latfpKey)} -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
        if ($mappedMember -and -not $mappedSid.EndsWith('-500') -and $tokenFilter -ne 1) {
            Write-Warning ('{0} is a member of Administrators but not the built-in Administrator: UAC remote restrictions give its remote sessions a filtered standard-user token. This script does not change LocalAccountTokenFilterPolicy (1 would lift that protection for every local account); decide yourself.' -f $MappedUser)
        }
      `);
    }

    // The scoped rules exist before the HTTP listener goes: if $AdminSubnet is rejected by
    // New-NetFirewallRule, the script stops while the HTTP listener is still there.
    w.section('Firewall: remoting only from $AdminSubnet');
    writeFirewallRules(w, m);

    if (m.httpListener === 'removed') {
      w.section('Channel binding and HTTP listener');
      writeSetting(w, WSMAN.serviceCbt, 'Strict');
      w.code(ps`
        foreach ($listener in @(Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | Where-Object { $_.Transport -eq 'HTTP' })) {
            Save-GuideChange @{ Kind = 'ListenerRemoved'; Address = [string]$listener.Address; Transport = 'HTTP'; Port = [string]$listener.Port; Hostname = [string]$listener.Hostname; CertificateThumbprint = '' }
        }
        Get-ChildItem WSMan:\localhost\Listener | Where-Object Keys -contains 'Transport=HTTP' | Remove-Item -Recurse -Force
        Write-Host 'Removed the HTTP listener (5985). Enable-PSRemoting, winrm quickconfig and the AllowAutoConfig policy would re-create it.'
      `);
    }

    if (jea) {
      w.section(`JEA endpoint ${JEA.endpointName}`);
      w.code(ps`
        if (Get-PSSessionConfiguration -Name ${q(JEA.endpointName)} -ErrorAction SilentlyContinue) {
            Write-Host ${q(`Unchanged: the endpoint ${JEA.endpointName} already exists. To change it, run the rollback script or Unregister-PSSessionConfiguration -Name ${JEA.endpointName}, then run this script again.`)}
        }
        else {
            $jeaModule = Join-Path -Path $env:ProgramFiles -ChildPath ${q(`WindowsPowerShell\\Modules\\${JEA.moduleName}`)}
            if (-not (Test-Path -Path $jeaModule)) {
                Save-GuideChange @{ Kind = 'PathCreated'; Path = $jeaModule }
                $null = New-Item -Path (Join-Path -Path $jeaModule -ChildPath 'RoleCapabilities') -ItemType Directory -Force
                New-ModuleManifest -Path (Join-Path -Path $jeaModule -ChildPath ${q(`${JEA.moduleName}.psd1`)})
            }
            $roleFile = Join-Path -Path $jeaModule -ChildPath ${q(`RoleCapabilities\\${JEA.roleName}.psrc`)}
            # Example role: read services, restart only the Print Spooler. Add the commands your users need, never wildcards.
            New-PSRoleCapabilityFile -Path $roleFile -VisibleCmdlets 'Microsoft.PowerShell.Management\Get-Service', @{ Name = 'Microsoft.PowerShell.Management\Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'Spooler' } }
            $sessionFile = Join-Path -Path $GuideBackupRoot -ChildPath ${q(`${JEA.endpointName}.pssc`)}
      `);
      w.code(ps`
            New-PSSessionConfigurationFile -Path $sessionFile -SessionType RestrictedRemoteServer ${code(gmsa ? '-GroupManagedServiceAccount $JeaGmsa' : '-RunAsVirtualAccount')} -RoleDefinitions @{ $JeaGroup = @{ RoleCapabilities = ${q(JEA.roleName)} } } -TranscriptDirectory ${q(JEA.transcriptDirectory)}
            if (-not (Test-PSSessionConfigurationFile -Path $sessionFile)) {
                throw ('The session configuration file {0} is not valid. Changes made so far are recorded in {1}.' -f $sessionFile, $GuideBackupFolder)
            }
            Save-GuideChange @{ Kind = 'SessionConfiguration'; Name = ${q(JEA.endpointName)}; Files = @($roleFile, $sessionFile) }
            $null = Register-PSSessionConfiguration -Name ${q(JEA.endpointName)} -Path $sessionFile -Force
            Write-Host ('Registered the JEA endpoint {0} for {1}; WinRM was restarted' -f ${q(JEA.endpointName)}, $JeaGroup)
            Write-Host ${q(`Check what a user can run with: Get-PSSessionCapability -ConfigurationName ${JEA.endpointName} -Username <a member of the group>`)}
        }
      `);
    }

    w.section('Logging');
    w.code(ps`
      if ($EnableScriptBlockLogging) {
          $loggingKey = ${q(PATHS.scriptBlockLoggingKey)}
          $loggingValue = (Get-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -ErrorAction SilentlyContinue).EnableScriptBlockLogging
          if ($loggingValue -eq 1) {
              Write-Host 'Unchanged: script block logging is already on'
          }
          else {
              Save-GuideChange @{ Kind = 'RegistryValue'; Path = $loggingKey; Name = 'EnableScriptBlockLogging'; Previous = $loggingValue; KeyExisted = (Test-Path -Path $loggingKey) }
              if (-not (Test-Path -Path $loggingKey)) { $null = New-Item -Path $loggingKey -Force }
              $null = New-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -Value 1 -PropertyType DWord -Force
              Write-Host 'Turned on script block logging (event 4104 in Microsoft-Windows-PowerShell/Operational)'
          }
      }
      $tokenFilterPolicy = (Get-ItemProperty -Path ${q(PATHS.latfpKey)} -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
      if ($tokenFilterPolicy -eq 1) {
          Write-Warning 'LocalAccountTokenFilterPolicy is 1: UAC remote restrictions are off for every local account (Enable-PSRemoting or winrm quickconfig may have set it). Baselines want 0. This script leaves it unchanged; set it to 0 unless something relies on it.'
      }
    `);

    const next =
      m.authentication === 'certificate' && selfSigned
        ? 'Next: copy the exported server certificate to the client and run the client script there again.'
        : selfSigned
          ? 'Next: copy the exported server certificate to each client and run the client script there.'
          : 'Next: run the client script on each computer you administer from.';
    writeDone(w, next);
  });
  return w.toString();
}
