/** Client script for the WinRM paths (the computer you administer from). */
import { CERTIFICATE, JEA, PATHS } from '../rules/constants';
import { WSMAN } from '../rules/settings';
import {
  writeBackup,
  writeDone,
  writeElevationCheckWindows,
  RESOURCE_EXAMPLE_COMMENT,
  writeExampleCheck,
  writeHeader,
  writeModuleCheck,
  writePrologue,
  writeServiceHelper,
  writeSetting,
  writeVariables,
  writePolicyPreflight,
  writeVersionCheck,
  writeWSManHelper,
  WSMAN_POLICIES,
  type EditableVariable,
  type PlannedWSManValue,
  type ScriptModel,
} from './common';
import { CREDSSP_POLICY, writeFreshCredentialsReader } from './credssp-policy';
import { q } from './quote';
import { writeClientSideCertificate } from './winrm/client-side-certificate';
import { PsWriter, ps } from './writer';
import { nextStepLines } from '../rules/next-step';

/** The local account client certificates map to (workgroup certificate authentication). */
export function mappedAccount(m: ScriptModel): string {
  return m.certificate?.clientCertificate?.mappedLocalAccount ?? CERTIFICATE.mappedAccountDelegated;
}

function clientDoes(m: ScriptModel): string[] {
  const does = ['saves the WinRM client configuration and the previous value of everything it changes'];
  does.push('starts the WinRM service if needed (the WSMan: drive needs it)');
  does.push('turns off Basic, Digest and unencrypted traffic for every WinRM connection this computer makes');
  does.push(m.secondHop === 'credssp' ? 'allows CredSSP delegation to $Target only (Enable-WSManCredSSP -Role Client -DelegateComputer $Target)' : 'turns off CredSSP on the client');
  if (m.trustedHosts.length > 0) does.push('adds exactly $Target to TrustedHosts (keeps the existing entries; skips it if it is already there)');
  else does.push('warns (without changing it) if TrustedHosts contains a wildcard');
  if (m.authentication === 'certificate') {
    does.push(
      m.certificate?.source === 'enterprise-ca'
        ? 'enrolls a client-authentication certificate from your CA (Get-Certificate -Template $ClientCertificateTemplate) unless you have one, and exports its public part for the server'
        : 'creates a self-signed client certificate for $MappedUser and exports its public part for the server',
    );
  }
  if (m.certificate?.source === 'self-signed') does.push("imports the server's self-signed certificate into LocalMachine\\Root after checking its thumbprint");
  does.push('tests the connection and shows how to connect');
  return does;
}

function connectParameters(m: ScriptModel): string {
  const parts = ['-ComputerName $Target'];
  if (m.transport === 'https') parts.push('-UseSSL');
  if (m.authentication === 'kerberos') parts.push('-Authentication Kerberos');
  if (m.authentication === 'negotiate-https' || m.authentication === 'ntlm-trustedhosts') parts.push('-Authentication Negotiate -Credential $credential');
  if (m.authentication === 'certificate') parts.push('-CertificateThumbprint $clientCertificate.Thumbprint');
  if (m.endpoint === 'jea') parts.push(`-ConfigurationName ${JEA.endpointName}`);
  return parts.join(' ');
}

export function renderWinRMClient(m: ScriptModel): string {
  const w = new PsWriter();
  const selfSigned = m.certificate?.source === 'self-signed';
  const certAuth = m.authentication === 'certificate';
  const needsCredential = m.authentication === 'negotiate-https' || m.authentication === 'ntlm-trustedhosts';

  writeHeader(w, m, {
    role: 'client',
    title: 'client script',
    requiresAdmin: true,
    requiresVersion: '5.1',
    runOn: 'each Windows computer you administer from, in an elevated Windows PowerShell 5.1 or PowerShell 7 session.',
    does: clientDoes(m),
  });

  const vars: EditableVariable[] = [{ name: 'Target', value: q(m.hosts.target.value), comment: 'The server you connect to, exactly as you will type it.' }];
  if (certAuth) vars.push({ name: 'MappedUser', value: q(mappedAccount(m)), comment: 'The local account on the server that the client certificate maps to.' });
  if (certAuth && !selfSigned) {
    vars.push({
      name: 'ClientCertificateTemplate',
      value: q(CERTIFICATE.clientTemplate),
      comment: "Your CA's template for client certificates: Client Authentication EKU and your user principal name in the SAN (the built-in User template has both; the name may differ in your CA).",
    });
  }
  if (selfSigned) {
    vars.push({
      name: 'ServerCertificateFile',
      value: q(`C:\\PSRemotingGuide\\${CERTIFICATE.serverCertificateFile}`),
      comment: "The server certificate exported by the target script (copy it here over a channel you trust).",
    });
    vars.push({
      name: 'ServerCertificateThumbprint',
      value: q(CERTIFICATE.thumbprintPlaceholder),
      comment: 'The thumbprint the target script printed, to check that the file is the right one before trusting it.',
    });
  }
  if (m.secondHop !== 'none' && m.hosts.resource) {
    vars.push({ name: 'Resource', value: q(m.hosts.resource.value), comment: RESOURCE_EXAMPLE_COMMENT });
  }
  writeVariables(w, vars);

  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeElevationCheckWindows(w);
    writeVersionCheck(w, '5.1');
    writeExampleCheck(w, 'Target');
    // The example commands at the end use $Resource: an example name there would send them to a stranger's computer.
    if (m.secondHop !== 'none' && m.hosts.resource) writeExampleCheck(w, 'Resource');
    w.code(ps`
      if (-not (Get-Service -Name WinRM -ErrorAction SilentlyContinue)) {
          throw 'The WinRM service is not installed on this computer, so its client settings cannot be changed. Nothing was changed.'
      }
    `);
    if (selfSigned || certAuth) writeModuleCheck(w, 'PKI', 'It provides the certificate cmdlets (Windows 8 / Server 2012 and later).');
    if (selfSigned) {
      const missing = certAuth
        ? ps`
            $serverCertificateReady = Test-Path -Path $ServerCertificateFile
            if (-not $serverCertificateReady) {
                Write-Host ('The server certificate {0} is not here yet: this run creates and exports the client certificate only. Run the target script, copy its certificate here, then run this script again.' -f $ServerCertificateFile)
            }
          `
        : ps`
            $serverCertificateReady = Test-Path -Path $ServerCertificateFile
            if (-not $serverCertificateReady) {
                throw ('The server certificate {0} was not found. Run the target script first and copy the .cer file it exports to this path. Nothing was changed.' -f $ServerCertificateFile)
            }
          `;
      w.code(missing);
      w.code(ps`
        if ($serverCertificateReady) {
            foreach ($guideValue in @($ServerCertificateThumbprint)) {
                if ($GuideExampleValues -contains $guideValue) {
                    throw 'Edit the line $ServerCertificateThumbprint = ... at the top of this script with the thumbprint the target script printed. Nothing was changed.'
                }
            }
            $serverCertificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($ServerCertificateFile)
            if ($serverCertificate.Thumbprint -ne ($ServerCertificateThumbprint -replace '\s', '')) {
                throw ('The certificate in {0} has the thumbprint {1}, not the one the target script printed. Do not trust it; copy the right file. Nothing was changed.' -f $ServerCertificateFile, $serverCertificate.Thumbprint)
            }
        }
      `);
    }

    writeClientPolicyPreflight(w, m);

    writeBackup(w, m, 'client', { winrmConfig: false, root: 'windows' });
    writeServiceHelper(w);
    writeWSManHelper(w);
    w.code(ps`
      Start-GuideService -Name WinRM
      winrm get winrm/config/client | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'winrm-client-config.txt') -Encoding utf8
    `);

    w.section('WinRM client hardening (all connections from this computer)');
    writeSetting(w, WSMAN.clientAllowUnencrypted, 'false');
    writeSetting(w, WSMAN.clientBasic, 'false');
    writeSetting(w, WSMAN.clientDigest, 'false');
    if (m.secondHop === 'credssp') writeCredSSPDelegation(w);
    else writeSetting(w, WSMAN.clientCredSSP, 'false');

    w.section('TrustedHosts');
    w.code(ps`
      $trustedHosts = [string](Get-Item -Path ${q(WSMAN.clientTrustedHosts)}).Value
      $trustedEntries = @($trustedHosts -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
      if (@($trustedEntries | Where-Object { $_.Contains('*') }).Count -gt 0) {
          Write-Warning ('TrustedHosts contains a wildcard ({0}): this computer then uses NTLM without server authentication for every matching host. Replace it with the exact hosts you need.' -f $trustedHosts)
      }
    `);
    if (m.trustedHosts.length > 0) {
      w.code(ps`
        $trustedHostsEntry = $Target
        if ($Target.Contains(':')) { $trustedHostsEntry = '[' + $Target + ']' }
        if ($trustedEntries -contains $trustedHostsEntry) {
            Write-Host ('Unchanged: {0} is already in TrustedHosts' -f $trustedHostsEntry)
        }
        else {
            Save-GuideChange @{ Kind = 'TrustedHosts'; Previous = $trustedHosts; Added = $trustedHostsEntry }
            Set-Item -Path ${q(WSMAN.clientTrustedHosts)} -Value $trustedHostsEntry -Concatenate -Force
            Write-Host ('Added {0} to TrustedHosts (the existing entries are kept)' -f $trustedHostsEntry)
        }
      `);
    }

    writeClientSideCertificate(w, m);

    if (selfSigned) {
      w.section("Trust the server's self-signed certificate");
      w.code(ps`
        if ($serverCertificateReady) {
            $rootPath = 'Cert:\LocalMachine\Root\' + $serverCertificate.Thumbprint
            if (Test-Path -Path $rootPath) {
                Write-Host 'Unchanged: the server certificate is already trusted'
            }
            else {
                Save-GuideChange @{ Kind = 'CertificateImported'; Path = $rootPath }
                $null = Import-Certificate -FilePath $ServerCertificateFile -CertStoreLocation Cert:\LocalMachine\Root
                Write-Host ('Imported the server certificate {0} into LocalMachine\Root' -f $serverCertificate.Thumbprint)
            }
        }
      `);
    }

    w.section('Test the connection');
    // The closing line tells a first run (the target script comes next) from the last one.
    if (certAuth) w.code(ps`$guideConnected = $false`);
    const testBody = () => {
      if (needsCredential) {
        w.code(ps`
          $credential = Get-Credential -Message ${q(
            m.answers.domain === 'untrusted'
              ? "An account of the target's domain, for example FABRIKAM\\admin"
              : 'Your account for the server (required: without Kerberos there is no ticket to reuse)',
          )}
        `);
      }
      // A JEA endpoint runs in NoLanguage mode: test with a command it exposes, not an expression.
      const test = m.endpoint === 'jea' ? '{ Get-Command }' : '{ [Environment]::MachineName }';
      const report =
        m.endpoint === 'jea'
          ? "Write-Host ('Connected to the JEA endpoint; {0} commands are visible to you' -f @($result).Count)"
          : "Write-Host ('Connected to {0}' -f $result)";
      w.code({
        lines: [
          'try {',
          `    $result = Invoke-Command ${connectParameters(m)} -ScriptBlock ${test} -ErrorAction Stop`,
          `    ${report}`,
          ...(certAuth ? ['    $guideConnected = $true'] : []),
          '}',
          'catch {',
          "    Write-Warning ('The test connection failed: {0}' -f $_.Exception.Message)",
          '}',
        ],
      });
    };
    if (selfSigned && certAuth) w.indented('if ($serverCertificateReady) {', testBody);
    else testBody();
    writeDone(w, closingLines(m));
    writeUsageComments(w, m);
  });
  return w.toString();
}

/** The WSMan: client values this script changes, and the value it wants (null: any change). */
function clientWSManValues(m: ScriptModel): PlannedWSManValue[] {
  const values: PlannedWSManValue[] = [
    { path: WSMAN.clientAllowUnencrypted, value: 'false' },
    { path: WSMAN.clientBasic, value: 'false' },
    { path: WSMAN.clientDigest, value: 'false' },
    { path: WSMAN.clientCredSSP, value: m.secondHop === 'credssp' ? 'true' : 'false' },
  ];
  if (m.trustedHosts.length > 0) values.push({ path: WSMAN.clientTrustedHosts, value: null });
  return values;
}

/** A WinRM client policy value as the registry holds it: these policies write 1 for true, 0 for false. */
function policyRegistryCheck(entry: PlannedWSManValue): string {
  const policy = WSMAN_POLICIES[entry.path];
  if (!policy) throw new Error(`No Group Policy known for ${entry.path}`);
  const parts = [
    `Path = ${q(entry.path).code}`,
    `Policy = ${q(`${policy.policy} (WinRM ${policy.node})`).code}`,
    `Key = ${q(`${PATHS.winrmPolicyKey}\\${policy.node}`).code}`,
    `Name = ${q(policy.valueName).code}`,
  ];
  if (entry.value !== null) parts.push(`Wanted = ${q(entry.value === 'true' ? '1' : '0').code}`);
  return `    @{ ${parts.join('; ')} }`;
}

/**
 * Pre-flight: stops before any change when Group Policy controls a client value this script
 * changes. The WSMan: drive needs the WinRM service, which is often stopped on a client and which
 * this script starts only after its backup; then the policy registry values are read instead.
 */
function writeClientPolicyPreflight(w: PsWriter, m: ScriptModel): void {
  const values = clientWSManValues(m);
  w.indented("if ((Get-Service -Name WinRM).Status -eq 'Running') {", () => writePolicyPreflight(w, values));
  w.indented('else {', () => {
    w.code({ lines: ['$guidePolicyValues = @(', ...values.map(policyRegistryCheck), ')'] });
    w.code(ps`
      foreach ($guideCheck in $guidePolicyValues) {
          $guideSet = Get-ItemProperty -Path $guideCheck.Key -Name $guideCheck.Name -ErrorAction SilentlyContinue
          if ($null -eq $guideSet) { continue }
          if ($guideCheck.Wanted -and [string]$guideSet.($guideCheck.Name) -eq $guideCheck.Wanted) { continue }
          throw ('{0} is controlled by Group Policy: the policy "{1}" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM)) sets {2} = {3} under {4}. Change that policy, or ask whoever manages it, then run this script again. Nothing was changed.' -f $guideCheck.Path, $guideCheck.Policy, $guideCheck.Name, $guideSet.($guideCheck.Name), $guideCheck.Key)
      }
    `);
  });
}

/**
 * CredSSP to $Target only. Records the AllowFreshCredentials list and Client\Auth\CredSSP first,
 * so that the rollback removes this one entry and keeps the delegations to other servers.
 */
function writeCredSSPDelegation(w: PsWriter): void {
  writeFreshCredentialsReader(w);
  w.code(ps`
    function Add-GuideCredSSPDelegation {
        $entry = ${q(CREDSSP_POLICY.prefix)} + $Target
        $entries = @(Get-GuideFreshCredentials)
        $clientCredSSP = [string](Get-Item -Path ${q(WSMAN.clientCredSSP)}).Value
        if ($entries -contains $entry) {
            # Enable-WSManCredSSP would add the entry a second time.
            Write-Host ('Unchanged: the CredSSP policy already allows delegation to {0}' -f $entry)
            Set-GuideWSManSetting -Path ${q(WSMAN.clientCredSSP)} -Value 'true'
            return
        }
        if (-not (Test-Path -Path ${q(CREDSSP_POLICY.key)})) { Save-GuideChange @{ Kind = 'RegistryKeyCreated'; Path = ${q(CREDSSP_POLICY.key)} } }
        Save-GuideChange @{ Kind = 'CredSSPDelegation'; Entry = $entry; PreviousEntries = [string[]]$entries }
        if ($clientCredSSP -ne 'true') { Save-GuideChange @{ Kind = 'WSManSetting'; Path = ${q(WSMAN.clientCredSSP)}; Previous = $clientCredSSP; New = 'true' } }
        $null = Enable-WSManCredSSP -Role Client -DelegateComputer $Target -Force
        Write-Host ('CredSSP may now delegate your credentials to {0} only ({1}); the other entries of the policy are kept' -f $Target, $entry)
    }
    Add-GuideCredSSPDelegation
  `);
}

function connectHint(m: ScriptModel): string {
  return `Connect with: Enter-PSSession ${exampleParameters(m)}`;
}

/**
 * The closing line of the run order step(s) of this script: on the certificate path it runs
 * first (then the target script follows) and last (after a test connection that worked).
 */
function closingLines(m: ScriptModel): string | { connected: string; notYet: string } {
  const lines = nextStepLines(m, 'client');
  const last = lines[lines.length - 1] ?? '';
  const done = `${last} ${connectHint(m)}`;
  if (lines.length < 2) return done;
  return { connected: done, notYet: lines[0] ?? '' };
}

/** Connection parameters for examples the user types (no script variables other than $Target). */
function exampleParameters(m: ScriptModel): string {
  return connectParameters(m).replace('-Credential $credential', '-Credential (Get-Credential)').replace('$clientCertificate.Thumbprint', '<client certificate thumbprint>');
}

function writeUsageComments(w: PsWriter, m: ScriptModel): void {
  if (m.secondHop !== 'none') w.blank();
  switch (m.secondHop) {
    case 'explicit-credentials':
      w.comment('Second hop with an explicit credential (least privilege, only for the second computer):');
      if (m.endpoint === 'jea') {
        w.comment(
          'JEA users cannot write script blocks with $Using: (NoLanguage mode). Expose in the role a function that takes a [pscredential] parameter and does the one task on the second computer with it; users pass their credential to that function. Write it narrowly: it runs with the endpoint identity.',
        );
      } else {
        w.commentLine('  $cred = Get-Credential CONTOSO\\svc_files');
        const inner =
          m.answers.hop === 'remoting'
            ? 'Invoke-Command -ComputerName $Using:Resource -Credential $Using:cred -ScriptBlock { hostname }'
            : "New-PSDrive -Name T -PSProvider FileSystem -Root ('\\\\' + $Using:Resource + '\\Tools') -Credential $Using:cred";
        w.commentLine(`  Invoke-Command ${exampleParameters(m)} -ScriptBlock { ${inner} }`);
      }
      break;
    case 'rbkcd':
      w.comment('Second hop: after the resource script, commands on $Target reach the services of $Resource as you, for example:');
      w.commentLine(`  Invoke-Command ${exampleParameters(m)} -ScriptBlock { Get-ChildItem -Path ('\\\\' + $Using:Resource + '\\Tools') }`);
      break;
    case 'credssp': {
      w.comment('Second hop with CredSSP (only to this tier-0 server; -Credential is required):');
      const ssl = m.transport === 'https' ? ' -UseSSL' : '';
      const inner = m.answers.hop === 'remoting' ? 'Invoke-Command -ComputerName $Using:Resource -ScriptBlock { hostname }' : "Get-ChildItem -Path ('\\\\' + $Using:Resource + '\\Tools')";
      w.commentLine(`  Invoke-Command -ComputerName $Target -Authentication Credssp -Credential CONTOSO\\admin${ssl} -ScriptBlock { ${inner} }`);
      w.comment('Disable it when the task is done: run the rollback script here and on the target (Disable-WSManCredSSP -Role Client would also remove the delegations to other servers).');
      break;
    }
    case 'jea-gmsa':
      w.comment('Second hop: the JEA endpoint runs as the gMSA, which reaches $Resource with its own identity. Grant the gMSA only what the role needs there, for example:');
      w.commentLine("  Grant-SmbShareAccess -Name Tools -AccountName 'CONTOSO\\JEA_gMSA$' -AccessRight Read -Force   # on the second computer, plus the NTFS ACL");
      break;
    default:
      break;
  }
}
