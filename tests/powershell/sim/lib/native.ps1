# Native commands the scripts run: winrm, klist, icacls, whoami, net, sshd, ssh-keygen (Windows),
# and the Linux-only id, getent, systemctl, which a Windows host does not have.
# Each sets $LASTEXITCODE like the real program.

function Set-SimExitCode { param([int]$Code) $global:LASTEXITCODE = $Code }

function Stop-SimNotRecognized {
    param([string]$Name)
    $message = "The term '$Name' is not recognized as a name of a cmdlet, function, script file, or executable program.`nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again."
    $record = [System.Management.Automation.ErrorRecord]::new([System.Management.Automation.CommandNotFoundException]::new($message), 'Sim.CommandNotFoundException', 'ObjectNotFound', $Name)
    throw $record
}

# --- Linux-only commands: not present on a Windows host -------------------------------------
function id { Add-SimCall -Name 'id' -Arguments $args; Stop-SimNotRecognized -Name 'id' }
function getent { Add-SimCall -Name 'getent' -Arguments $args; Stop-SimNotRecognized -Name 'getent' }
function systemctl { Add-SimCall -Name 'systemctl' -Arguments $args; Stop-SimNotRecognized -Name 'systemctl' }
function stat { Add-SimCall -Name 'stat' -Arguments $args; Stop-SimNotRecognized -Name 'stat' }
function chmod { Add-SimCall -Name 'chmod' -Arguments $args; Stop-SimNotRecognized -Name 'chmod' }
function chown { Add-SimCall -Name 'chown' -Arguments $args; Stop-SimNotRecognized -Name 'chown' }
function groupadd { Add-SimCall -Name 'groupadd' -Arguments $args; Stop-SimNotRecognized -Name 'groupadd' }
function usermod { Add-SimCall -Name 'usermod' -Arguments $args; Stop-SimNotRecognized -Name 'usermod' }

# --- winrm -----------------------------------------------------------------------------------
function Format-SimWinrmSection {
    param([string]$Prefix, [int]$Indent, [hashtable]$Values)
    $s = Get-SimState
    if (-not $Values) { $Values = Get-SimWSManEffectiveMap }
    $pad = ' ' * $Indent
    $lines = [System.Collections.Generic.List[string]]::new()
    $children = [System.Collections.Generic.List[string]]::new()
    foreach ($k in $s.WSMan.Config.Keys) {
        $rest = if ($Prefix) { if ($k.StartsWith($Prefix + '\', [StringComparison]::OrdinalIgnoreCase)) { $k.Substring($Prefix.Length + 1) } else { $null } } else { $k }
        if ($null -eq $rest) { continue }
        if ($rest.Contains('\')) { $c = $rest.Split('\')[0]; if (-not $children.Contains($c)) { $children.Add($c) }; continue }
        $v = $Values[$k]
        $suffix = if ($v.Source -eq 'GPO') { ' [Source="GPO"]' } else { '' }
        $lines.Add("$pad$rest = $($v.Value)$suffix")
    }
    foreach ($c in $children) {
        $name = if ($c -eq 'Shell') { 'Winrs' } else { $c }
        $lines.Add("$pad$name")
        foreach ($l in (Format-SimWinrmSection -Prefix $(if ($Prefix) { "$Prefix\$c" } else { $c }) -Indent ($Indent + 4) -Values $Values)) { $lines.Add($l) }
    }
    $lines
}

function Format-SimWinrmListeners {
    foreach ($l in (Get-SimState).WSMan.Listeners) {
        'Listener'
        "    Address = $($l.Address)"
        "    Transport = $($l.Transport)"
        "    Port = $($l.Port)"
        "    Hostname$(if ($l.Hostname) { " = $($l.Hostname)" })"
        "    Enabled = $($l.Enabled)"
        "    URLPrefix = $($l.URLPrefix)"
        "    CertificateThumbprint$(if ($l.CertificateThumbprint) { " = $($l.CertificateThumbprint)" })"
        ''
    }
}

function winrm {
    Add-SimCall -Name 'winrm' -Arguments $args
    $s = Get-SimState
    $a = @($args | ForEach-Object { [string]$_ })
    if ($a.Count -lt 2) { Set-SimExitCode 1; 'Windows Remote Management Command Line Tool'; return }
    $op = $a[0].ToLowerInvariant() -replace '^[-/]', ''
    $uri = $a[1].ToLowerInvariant()
    if ($s.Services['WINRM'].Status -ne 'Running' -and $op -ne 'quickconfig') {
        Set-SimExitCode 2150858770
        'WSManFault'
        '    Message = The client cannot connect to the destination specified in the request.'
        return
    }
    switch -Regex ($op) {
        '^(get|g)$' {
            Set-SimExitCode 0
            switch ($uri) {
                'winrm/config' { 'Config'; Format-SimWinrmSection -Prefix '' -Indent 4 | Where-Object { $_ -notmatch '^\s+(Listener|ClientCertificate|Plugin)$' } }
                'winrm/config/client' { 'Client'; Format-SimWinrmSection -Prefix 'Client' -Indent 4 }
                'winrm/config/service' { 'Service'; Format-SimWinrmSection -Prefix 'Service' -Indent 4 }
                'winrm/config/client/auth' { 'Auth'; Format-SimWinrmSection -Prefix 'Client\Auth' -Indent 4 }
                'winrm/config/service/auth' { 'Auth'; Format-SimWinrmSection -Prefix 'Service\Auth' -Indent 4 }
                'winrm/config/winrs' { 'Winrs'; Format-SimWinrmSection -Prefix 'Shell' -Indent 4 }
                default { Set-SimExitCode 1; "SimHost: winrm get $uri is not simulated." }
            }
        }
        '^(enumerate|e)$' {
            if ($uri -ne 'winrm/config/listener') { Set-SimExitCode 1; "SimHost: winrm enumerate $uri is not simulated."; return }
            Set-SimExitCode 0
            Format-SimWinrmListeners
        }
        '^(set|s)$' {
            $prefix = switch ($uri) { 'winrm/config/client' { 'Client' } 'winrm/config/service' { 'Service' } 'winrm/config/client/auth' { 'Client\Auth' } 'winrm/config/service/auth' { 'Service\Auth' } default { $null } }
            if (-not $prefix -or $a.Count -lt 3) { Set-SimExitCode 1; "SimHost: winrm set $uri is not simulated."; return }
            $body = ($a[2..($a.Count - 1)] -join ' ')
            foreach ($m in [regex]::Matches($body, '(\w+)\s*=\s*"([^"]*)"')) {
                $key = Get-SimWSManConfigKey -ConfigKey "$prefix\$($m.Groups[1].Value)"
                if (-not $key) { Set-SimExitCode 1; "WSManFault: the property $($m.Groups[1].Value) is not valid."; return }
                try { Set-SimWSManValue -ConfigKey $key -Value $m.Groups[2].Value } catch { Set-SimExitCode 1; 'WSManFault'; "    Message = $($_.Exception.Message)"; return }
            }
            Set-SimExitCode 0
            Format-SimWinrmSection -Prefix $prefix -Indent 4
        }
        default { Set-SimExitCode 1; "SimHost: winrm $op is not simulated." }
    }
}
Set-Alias -Name 'winrm.cmd' -Value winrm

# --- klist -----------------------------------------------------------------------------------
function klist {
    Add-SimCall -Name 'klist' -Arguments $args
    $s = Get-SimState
    $a = @($args | ForEach-Object { [string]$_ })
    $logon = '0x' + (New-SimHex -Seed $s.User.Name -Length 6).ToLowerInvariant()
    $target = $logon
    for ($i = 0; $i -lt $a.Count; $i++) { if ($a[$i] -ieq '-li' -and $i + 1 -lt $a.Count) { $target = $a[$i + 1] } }
    if ($target -ne $logon -and -not ($s.User.Elevated -and (Test-SimUserInGroup -Sid 'S-1-5-32-544'))) { Set-SimExitCode 5; 'Error calling API LsaCallAuthenticationPackage (Purge tickets): 5/0x5 Access is denied.'; return }
    Set-SimExitCode 0
    ''
    "Current LogonId is 0:$logon"
    "Targeted LogonId is 0:$target"
    if ($a.Count -and $a[0] -ieq 'purge') {
        $s.Kerberos.Purges.Add($target)
        "`tDeleting all tickets:"
        "`tTicket(s) purged!"
    }
    else { ''; 'Cached Tickets: (0)' }
}
Set-Alias -Name 'klist.exe' -Value klist

# --- whoami ------------------------------------------------------------------------------------
function whoami {
    Add-SimCall -Name 'whoami' -Arguments $args
    $s = Get-SimState
    $a = @($args | ForEach-Object { ([string]$_).ToLowerInvariant() })
    Set-SimExitCode 0
    $csv = $false; $noHeader = $a -contains '/nh'
    for ($i = 0; $i -lt $a.Count; $i++) { if ($a[$i] -eq '/fo' -and $i + 1 -lt $a.Count) { $csv = $a[$i + 1] -eq 'csv' } }
    if ($a -contains '/groups' -or $a -contains '/all') {
        $rows = foreach ($sid in (Get-SimUserGroupSids)) {
            if ($sid -eq $s.User.Sid) { continue }
            $name = Resolve-SimSidName -Sid $sid -OrSid
            $type = if ($sid -match '^S-1-5-32-') { 'Alias' } elseif ($sid -match '^S-1-5-21-') { 'Group' } else { 'Well-known group' }
            $attr = 'Mandatory group, Enabled by default, Enabled group'
            if ($sid -eq 'S-1-5-32-544') { $attr = if ($s.User.Elevated) { 'Mandatory group, Enabled by default, Enabled group, Group owner' } else { 'Group used for deny only' } }
            [pscustomobject]@{ 'Group Name' = $name; Type = $type; SID = $sid; Attributes = $attr }
        }
        if ($csv) {
            if (-not $noHeader) { '"Group Name","Type","SID","Attributes"' }
            foreach ($r in $rows) { '"{0}","{1}","{2}","{3}"' -f $r.'Group Name', $r.Type, $r.SID, $r.Attributes }
        }
        else {
            ''; 'GROUP INFORMATION'; '-----------------'; ''
            if (-not $noHeader) { '{0,-40} {1,-16} {2,-45} {3}' -f 'Group Name', 'Type', 'SID', 'Attributes' }
            foreach ($r in $rows) { '{0,-40} {1,-16} {2,-45} {3}' -f $r.'Group Name', $r.Type, $r.SID, $r.Attributes }
        }
        return
    }
    if ($a -contains '/user') {
        if ($csv) { if (-not $noHeader) { '"User Name","SID"' }; '"{0}","{1}"' -f $s.User.Name.ToLowerInvariant(), $s.User.Sid }
        else { ''; 'USER INFORMATION'; '----------------'; ''; '{0,-30} {1}' -f 'User Name', 'SID'; '{0,-30} {1}' -f $s.User.Name.ToLowerInvariant(), $s.User.Sid }
        return
    }
    if ($a -contains '/upn') { if ($s.User.Upn) { $s.User.Upn } else { Set-SimExitCode 1; 'ERROR: Unable to get User Principal Name (UPN) as the current logged-on user is not a domain user.' }; return }
    $s.User.Name.ToLowerInvariant()
}
Set-Alias -Name 'whoami.exe' -Value whoami

# --- net -------------------------------------------------------------------------------------
function net {
    Add-SimCall -Name 'net' -Arguments $args
    $s = Get-SimState
    $a = @($args | ForEach-Object { [string]$_ })
    if ($a.Count -ge 2 -and $a[0] -ieq 'localgroup') {
        $g = @($s.Accounts.LocalGroups | Where-Object { $_.Name -ieq $a[1] })
        if (-not $g) { Set-SimExitCode 2; 'System error 1376 has occurred.'; ''; 'The specified local group does not exist.'; return }
        Set-SimExitCode 0
        "Alias name     $($g[0].Name)"; ''; 'Members'; ''; '-------------------------------------------------------------------------------'
        foreach ($m in $g[0].Members) { Resolve-SimSidName -Sid $m -OrSid }
        'The command completed successfully.'
        return
    }
    Set-SimExitCode 1
    "SimHost: net $($a -join ' ') is not simulated."
}
Set-Alias -Name 'net.exe' -Value net

# --- icacls ----------------------------------------------------------------------------------
$script:SimIcaclsRights = [ordered]@{ 'F' = 0x1F01FF; 'M' = 0x1301BF; 'RX' = 0x1200A9; 'R' = 0x120089; 'W' = 0x100116; 'D' = 0x10000 }
$script:SimIcaclsSpecific = [ordered]@{ 'DE' = 0x10000; 'RC' = 0x20000; 'WDAC' = 0x40000; 'WO' = 0x80000; 'S' = 0x100000; 'AS' = 0x1000000; 'MA' = 0x2000000; 'GR' = 0x80000000L; 'GW' = 0x40000000; 'GE' = 0x20000000; 'GA' = 0x10000000; 'RD' = 0x1; 'WD' = 0x2; 'AD' = 0x4; 'REA' = 0x8; 'WEA' = 0x10; 'X' = 0x20; 'DC' = 0x40; 'RA' = 0x80; 'WA' = 0x100 }

function Format-SimIcaclsAce {
    param($Ace)
    $flags = ''
    if ($Ace.Inherited) { $flags += '(I)' }
    if ($Ace.OI) { $flags += '(OI)' }
    if ($Ace.CI) { $flags += '(CI)' }
    if ($Ace.IO) { $flags += '(IO)' }
    if ($Ace.NP) { $flags += '(NP)' }
    $m = [long]$Ace.Mask
    $named = $null
    foreach ($k in $script:SimIcaclsRights.Keys) { if ($script:SimIcaclsRights[$k] -eq $m) { $named = $k } }
    if ($m -eq 0x10000000) { $named = 'GA' }
    if (-not $named) { $named = (@($script:SimIcaclsSpecific.Keys | Where-Object { ($m -band [long]$script:SimIcaclsSpecific[$_]) -eq [long]$script:SimIcaclsSpecific[$_] -and $_ -notin @('GR', 'GW', 'GE', 'GA') }) -join ',') }
    $deny = if ($Ace.Type -eq 'Deny') { '(DENY)' } else { '' }
    '{0}:{1}{2}({3})' -f (Resolve-SimSidName -Sid $Ace.Sid -OrSid), $deny, $flags, $named
}

function ConvertFrom-SimIcaclsGrant {
    param([string]$Spec)
    if ($Spec -notmatch '^(.+?):((?:\([A-Z]+\))*)\(?([A-Za-z,]+)\)?$') { throw "Invalid parameter `"$Spec`"" }
    $who = $Matches[1]; $flagText = $Matches[2]; $rights = $Matches[3]
    $sid = Resolve-SimAccountSid -Name $who
    if (-not $sid) { throw "${who}: No mapping between account names and security IDs was done." }
    $mask = 0L
    if ($script:SimIcaclsRights.Contains($rights.ToUpperInvariant())) { $mask = [long]$script:SimIcaclsRights[$rights.ToUpperInvariant()] }
    else { foreach ($r in $rights.Split(',')) { if (-not $script:SimIcaclsSpecific.Contains($r.ToUpperInvariant())) { throw "Invalid parameter `"$Spec`"" }; $mask = $mask -bor [long]$script:SimIcaclsSpecific[$r.ToUpperInvariant()] } }
    New-SimAce -Type Allow -Sid $sid -Mask $mask -OI:($flagText -match '\(OI\)') -CI:($flagText -match '\(CI\)') -IO:($flagText -match '\(IO\)') -NP:($flagText -match '\(NP\)')
}

function icacls {
    Add-SimCall -Name 'icacls' -Arguments $args
    $a = @($args | ForEach-Object { [string]$_ })
    if ($a.Count -lt 1) { Set-SimExitCode 87; 'ICACLS name /save aclfile [/T] [/C] [/L] [/Q]'; return }
    $r = Resolve-SimPath -Path $a[0]
    $entry = Get-SimFsEntry -Key $r.Key
    if (-not $entry) { Set-SimExitCode 2; "$($a[0]): The system cannot find the file specified."; 'Successfully processed 0 files; Failed processing 1 files'; return }
    if ($a.Count -eq 1) {
        Set-SimExitCode 0
        $first = $true
        foreach ($ace in $entry.Acl.Aces) { if ($first) { '{0} {1}' -f $r.Full, (Format-SimIcaclsAce $ace); $first = $false } else { '{0} {1}' -f (' ' * $r.Full.Length), (Format-SimIcaclsAce $ace) } }
        ''; 'Successfully processed 1 files; Failed processing 0 files'
        return
    }
    $sd = Copy-SimSd -Sd $entry.Acl
    try {
        for ($i = 1; $i -lt $a.Count; $i++) {
            $opt = $a[$i].ToLowerInvariant()
            switch -Regex ($opt) {
                '^/inheritance:e$' { $sd.Protected = $false }
                '^/inheritance:d$' { Set-SimSdProtection -Sd $sd -Protected $true -Preserve $true }
                '^/inheritance:r$' { Set-SimSdProtection -Sd $sd -Protected $true -Preserve $false }
                '^/grant(:r)?$' {
                    $replace = $opt -eq '/grant:r'
                    while ($i + 1 -lt $a.Count -and -not $a[$i + 1].StartsWith('/')) {
                        $i++
                        $ace = ConvertFrom-SimIcaclsGrant -Spec $a[$i]
                        if ($replace) { $sd.Aces = [System.Collections.Generic.List[object]]@($sd.Aces | Where-Object { $_.Inherited -or $_.Sid -ne $ace.Sid -or $_.Type -ne 'Allow' }) }
                        $sd.Aces.Add($ace)
                    }
                }
                '^/remove(:g|:d)?$' {
                    $type = switch ($opt) { '/remove:g' { 'Allow' } '/remove:d' { 'Deny' } default { $null } }
                    while ($i + 1 -lt $a.Count -and -not $a[$i + 1].StartsWith('/')) {
                        $i++
                        $sid = Resolve-SimAccountSid -Name $a[$i]
                        if (-not $sid) { throw "$($a[$i]): No mapping between account names and security IDs was done." }
                        $sd.Aces = [System.Collections.Generic.List[object]]@($sd.Aces | Where-Object { $_.Inherited -or $_.Sid -ne $sid -or ($type -and $_.Type -ne $type) })
                    }
                }
                '^/setowner$' {
                    $i++
                    $sid = Resolve-SimAccountSid -Name $a[$i]
                    if (-not $sid) { throw "$($a[$i]): No mapping between account names and security IDs was done." }
                    $sd.Owner = $sid
                }
                '^/reset$' { $sd.Aces = [System.Collections.Generic.List[object]]::new(); $sd.Protected = $false }
                '^/(t|c|q|l)$' { }
                default { throw "Invalid parameter `"$($a[$i])`"" }
            }
        }
    }
    catch { Set-SimExitCode 87; [string]$_.Exception.Message; 'Successfully processed 0 files; Failed processing 1 files'; return }
    Set-SimCanonicalOrder -Sd $sd
    Set-SimFsAcl -Entry $entry -Sd $sd
    Set-SimExitCode 0
    if ($a -notcontains '/q' -and $a -notcontains '/Q') { "processed file: $($r.Full)" }
    'Successfully processed 1 files; Failed processing 0 files'
}
Set-Alias -Name 'icacls.exe' -Value icacls

# --- OpenSSH -----------------------------------------------------------------------------------
$script:SimSshdKeywords = @('Port', 'AddressFamily', 'ListenAddress', 'HostKey', 'PermitRootLogin', 'StrictModes', 'MaxAuthTries', 'MaxSessions', 'PubkeyAuthentication',
    'AuthorizedKeysFile', 'AuthorizedPrincipalsFile', 'HostbasedAuthentication', 'IgnoreUserKnownHosts', 'IgnoreRhosts', 'PasswordAuthentication', 'PermitEmptyPasswords',
    'ChallengeResponseAuthentication', 'KbdInteractiveAuthentication', 'KerberosAuthentication', 'GSSAPIAuthentication', 'AllowAgentForwarding', 'AllowTcpForwarding',
    'GatewayPorts', 'PermitTTY', 'PrintMotd', 'PrintLastLog', 'TCPKeepAlive', 'PermitUserEnvironment', 'Compression', 'ClientAliveInterval', 'ClientAliveCountMax', 'UseDNS',
    'PidFile', 'MaxStartups', 'PermitTunnel', 'ChrootDirectory', 'Banner', 'Subsystem', 'Match', 'AllowGroups', 'AllowUsers', 'DenyGroups', 'DenyUsers', 'ForceCommand',
    'SyslogFacility', 'LogLevel', 'Ciphers', 'MACs', 'KexAlgorithms', 'HostKeyAlgorithms', 'PubkeyAcceptedKeyTypes', 'PubkeyAcceptedAlgorithms', 'AuthenticationMethods',
    'X11Forwarding', 'Include', 'AcceptEnv', 'LoginGraceTime', 'PermitOpen', 'DisableForwarding', 'StreamLocalBindUnlink')
$script:SimSshdMatchKeywords = @('AllowAgentForwarding', 'AllowTcpForwarding', 'AllowGroups', 'AllowUsers', 'AuthenticationMethods', 'AuthorizedKeysFile', 'AuthorizedPrincipalsFile',
    'Banner', 'ChrootDirectory', 'ClientAliveCountMax', 'ClientAliveInterval', 'DenyGroups', 'DenyUsers', 'DisableForwarding', 'ForceCommand', 'GatewayPorts',
    'HostbasedAuthentication', 'KbdInteractiveAuthentication', 'KerberosAuthentication', 'LogLevel', 'MaxAuthTries', 'MaxSessions', 'PasswordAuthentication',
    'PermitEmptyPasswords', 'PermitOpen', 'PermitRootLogin', 'PermitTTY', 'PermitTunnel', 'PubkeyAcceptedAlgorithms', 'PubkeyAuthentication', 'X11Forwarding')

# sshd -t: checks the configuration the way sshd would before starting.
function Test-SimSshdConfig {
    param([string]$Text, [string]$Name)
    $errors = [System.Collections.Generic.List[string]]::new()
    $subsystems = @{}
    $inMatch = $false
    $n = 0
    foreach ($raw in ($Text -split '\r?\n')) {
        $n++
        $line = $raw.Trim()
        if ($line -eq '' -or $line.StartsWith('#')) { continue }
        $parts = @($line -split '\s+', 2)
        $kw = $parts[0]
        $arg = if ($parts.Count -gt 1) { $parts[1].Trim() } else { '' }
        $known = $script:SimSshdKeywords | Where-Object { $_ -ieq $kw }
        if (-not $known) { $errors.Add("${Name} line ${n}: Bad configuration option: $kw"); continue }
        if ($arg -eq '') { $errors.Add("${Name} line ${n}: $kw missing argument."); continue }
        if ($kw -ieq 'Match') { $inMatch = $true; continue }
        if ($inMatch -and -not ($script:SimSshdMatchKeywords | Where-Object { $_ -ieq $kw })) { $errors.Add("${Name} line ${n}: Directive '$kw' is not allowed within a Match block"); continue }
        if ($kw -ieq 'Subsystem') {
            $sub = ($arg -split '\s+')[0]
            if ($subsystems.ContainsKey($sub.ToLowerInvariant())) { $errors.Add("${Name} line ${n}: Subsystem '$sub' already defined."); continue }
            $subsystems[$sub.ToLowerInvariant()] = $true
        }
        if ($kw -in @('PubkeyAuthentication', 'PasswordAuthentication', 'KbdInteractiveAuthentication', 'ChallengeResponseAuthentication', 'PermitEmptyPasswords') -and $arg -notin @('yes', 'no')) {
            $errors.Add("${Name} line ${n}: unsupported option `"$arg`".")
        }
    }
    , $errors
}

# sshd -T: the settings sshd would run with (global section, lower-case keywords, one value per
# line; multi-valued keywords accumulate, the others keep their first value).
$script:SimSshdDefaults = [ordered]@{
    'port' = '22'; 'addressfamily' = 'any'; 'listenaddress' = '[::]:22'; 'pubkeyauthentication' = 'yes'; 'passwordauthentication' = 'yes'
    'kbdinteractiveauthentication' = 'yes'; 'permitemptypasswords' = 'no'; 'permitrootlogin' = 'without-password'; 'maxauthtries' = '6'; 'maxsessions' = '10'
    'authorizedkeysfile' = '.ssh/authorized_keys'; 'strictmodes' = 'yes'; 'gssapiauthentication' = 'no'; 'kerberosauthentication' = 'no'
}
$script:SimSshdMulti = @('allowgroups', 'allowusers', 'denygroups', 'denyusers', 'subsystem', 'listenaddress', 'hostkey', 'port', 'acceptenv')

function Get-SimSshdEffective {
    param([string]$Text)
    $values = [ordered]@{}
    foreach ($raw in ($Text -split '\r?\n')) {
        $line = $raw.Trim()
        if ($line -eq '' -or $line.StartsWith('#')) { continue }
        $kw, $arg = $line -split '\s+', 2
        $k = $kw.ToLowerInvariant()
        if ($k -eq 'match') { break }
        if ($k -eq 'challengeresponseauthentication') { $k = 'kbdinteractiveauthentication' }
        $args2 = @([regex]::Matches([string]$arg, '"([^"]*)"|(\S+)') | ForEach-Object { if ($_.Groups[1].Success) { $_.Groups[1].Value } else { $_.Groups[2].Value } })
        if ($k -in $script:SimSshdMulti) {
            if (-not $values.Contains($k)) { $values[$k] = [System.Collections.Generic.List[string]]::new() }
            if ($k -in @('allowgroups', 'allowusers', 'denygroups', 'denyusers')) { foreach ($a in $args2) { $values[$k].Add($a.ToLowerInvariant()) } }
            elseif ($k -eq 'subsystem') { if (-not @($values[$k] | Where-Object { ($_ -split ' ')[0] -ieq $args2[0] }).Count) { $values[$k].Add(($args2 -join ' ')) } }
            else { $values[$k].Add(($args2 -join ' ')) }
            continue
        }
        if (-not $values.Contains($k)) { $values[$k] = ($args2 -join ' ') }
    }
    foreach ($d in $script:SimSshdDefaults.Keys) { if (-not $values.Contains($d)) { $values[$d] = $script:SimSshdDefaults[$d] } }
    foreach ($k in $values.Keys) { foreach ($v in @($values[$k])) { "$k $v" } }
}

function sshd {
    Add-SimCall -Name 'sshd' -Arguments $args
    $s = Get-SimState
    if ($s.Capabilities['OpenSSH.Server~~~~0.0.1.0'] -ne 'Installed') { Stop-SimNotRecognized -Name 'sshd' }
    $a = @($args | ForEach-Object { [string]$_ })
    $config = 'C:\ProgramData\ssh\sshd_config'
    for ($i = 0; $i -lt $a.Count; $i++) { if ($a[$i] -ceq '-f' -and $i + 1 -lt $a.Count) { $config = $a[$i + 1] } }
    if ($a -cnotcontains '-t' -and $a -cnotcontains '-T') { Set-SimExitCode 1; 'SimHost: only sshd -t / -T are simulated.'; return }
    $r = Resolve-SimPath -Path $config
    $e = Get-SimFsEntry -Key $r.Key
    if (-not $e) { Set-SimExitCode 255; "${config}: No such file or directory"; return }
    $problems = Test-SimSshdConfig -Text ([string]$e.Content) -Name $config
    if ($problems.Count) { Set-SimExitCode 255; $problems; return }
    Set-SimExitCode 0
    if ($a -ccontains '-T') { Get-SimSshdEffective -Text ([string]$e.Content) }
}

function ssh-keygen {
    Add-SimCall -Name 'ssh-keygen' -Arguments $args
    $a = @($args | ForEach-Object { [string]$_ })
    $type = 'rsa'; $file = $null; $comment = (Get-SimState).User.Name
    for ($i = 0; $i -lt $a.Count; $i++) {
        switch -CaseSensitive ($a[$i]) {
            '-t' { $i++; $type = $a[$i] }
            '-f' { $i++; $file = $a[$i] }
            '-C' { $i++; $comment = $a[$i] }
            '-N' { $i++ }
            '-q' { }
            default { Set-SimExitCode 1; "SimHost: ssh-keygen option $($a[$i]) is not simulated."; return }
        }
    }
    if (-not $file) { Set-SimExitCode 1; 'SimHost: ssh-keygen without -f asks for a file name interactively.'; return }
    $r = Resolve-SimPath -Path $file
    if (Get-SimFsEntry -Key $r.Key) { Set-SimExitCode 1; "$file already exists."; 'Overwrite (y/n)? (SimHost: no answer in a non-interactive session)'; return }
    $seed = (Get-SimState).Host.Name + $file
    try {
        Write-SimFileText -Path $r.Full -Text ("-----BEGIN OPENSSH PRIVATE KEY-----`nSIMHOST $type " + (New-SimHex -Seed $seed -Length 32) + "`n-----END OPENSSH PRIVATE KEY-----`n")
        Write-SimFileText -Path ($r.Full + '.pub') -Text ("ssh-$type AAAAC3NzaC1lZDI1NTE5" + (New-SimHex -Seed ($seed + 'pub') -Length 32) + " $comment`n")
    }
    catch { Set-SimExitCode 1; "Saving key `"$file`" failed: No such file or directory"; return }
    Set-SimExitCode 0
    "Your identification has been saved in $file"
    "Your public key has been saved in $file.pub"
}
Set-Alias -Name 'ssh-keygen.exe' -Value ssh-keygen

function ssh {
    Add-SimCall -Name 'ssh' -Arguments $args
    Set-SimExitCode 255
    'SimHost: ssh connections are not simulated.'
}
Set-Alias -Name 'ssh.exe' -Value ssh

function hostname { Add-SimCall -Name 'hostname' -Arguments $args; Set-SimExitCode 0; (Get-SimState).Host.Name }
