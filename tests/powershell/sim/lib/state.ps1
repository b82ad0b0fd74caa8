# New-SimState builds a host; Get-SimSnapshot turns its state into canonical JSON; mutations
# stand for what other administrators (or a standard user) do between the guide's scripts.

function New-SimSid {
    param([string]$Seed, [int]$Rid)
    $h = New-SimHex -Seed $Seed -Length 24
    $a = [Convert]::ToUInt32($h.Substring(0, 8), 16) % 4000000000
    $b = [Convert]::ToUInt32($h.Substring(8, 8), 16) % 4000000000
    $c = [Convert]::ToUInt32($h.Substring(16, 8), 16) % 4000000000
    "S-1-5-21-$a-$b-$c-$Rid"
}

function Add-SimStockFolder {
    param([string]$Path, [string]$Sddl)
    $s = Get-SimState
    $creator = @{ Owner = 'S-1-5-18'; Group = 'S-1-5-18' }
    if ($Path.Length -eq 3) {
        $s.Files[$Path.ToUpperInvariant()] = @{ Path = $Path; Type = 'Directory'; Content = $null; Acl = (ConvertFrom-SimSddl -Sddl $Sddl); Seq = 0 }
        return
    }
    $e = New-SimFsEntry -Full $Path -Type Directory -Creator $creator
    if ($Sddl) { Set-SimFsAcl -Entry $e -Sd (ConvertFrom-SimSddl -Sddl $Sddl) }
}

function Add-SimStockFile {
    param([string]$Path, [string]$Content = 'SIMHOST binary')
    $null = New-SimFsEntry -Full $Path -Type File -Content $Content -Creator @{ Owner = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464'; Group = 'S-1-5-18' }
}

<#
.SYNOPSIS
  A stock Windows Server 2022 after Enable-PSRemoting, as one state hashtable.
.PARAMETER Role        server (the target), client (an admin workstation) or dc (a domain-joined
                       host with the ActiveDirectory module and the directory itself).
.PARAMETER DnsDomain   The AD domain the host is joined to; empty for a workgroup host.
.PARAMETER NetworkCategory  DomainAuthenticated / Private / Public (default: DomainAuthenticated
                       when domain-joined, else Private).
.PARAMETER GroupPolicy Policy values: @{ 'Service\AllowBasic' = 1; 'Client\TrustedHosts' = 1;
                       'Client\TrustedHostsList' = 'a,b' } under HKLM:\SOFTWARE\Policies\...\WinRM.
.PARAMETER Variants    Non-stock starts: HttpsListener, CredSSPOthers, TrustedHostsOthers,
                       OpenSSHServer, TokenFilterPolicy, ScriptBlockLogging.
#>
function New-SimState {
    param(
        [ValidateSet('server', 'client', 'dc')][string]$Role = 'server',
        [string]$ComputerName = 'SRV01',
        [AllowEmptyString()][string]$DnsDomain = '',
        [string]$NetBIOSDomain = '',
        [string[]]$Addresses = @('10.0.10.5'),
        [ValidateSet('', 'DomainAuthenticated', 'Private', 'Public')][string]$NetworkCategory = '',
        [string]$UserName = 'admin',
        [bool]$Elevated = $true,
        [object[]]$LocalUsers = @(),
        [object[]]$LocalGroups = @(),
        [object[]]$DomainPrincipals = @(),
        [object[]]$Certificates = @(),
        [object]$EnterpriseCa,
        [object[]]$AdComputers = @(),
        [hashtable]$GroupPolicy = @{},
        [string[]]$Variants = @(),
        [string[]]$ExtraModules = @(),
        [datetime]$Clock = [datetime]::new(2026, 3, 2, 9, 0, 0, [DateTimeKind]::Local)
    )
    $joined = [bool]$DnsDomain
    $nb = if ($NetBIOSDomain) { $NetBIOSDomain } elseif ($joined) { ($DnsDomain.Split('.')[0]).ToUpperInvariant() } else { '' }
    $machineSeed = "machine|$ComputerName"
    $domainSeed = "domain|$DnsDomain"
    $s = @{
        Host                  = @{ Name = $ComputerName.ToUpperInvariant(); DnsDomain = $DnsDomain; NetBIOSDomain = $nb; PartOfDomain = $joined; Addresses = @($Addresses); Os = 'Microsoft Windows Server 2022 Datacenter'; Role = $Role; ShortNames = $true; MachineSid = (New-SimSid -Seed $machineSeed -Rid 0) -replace '-0$', '' }
        Clock                 = $Clock
        Counters              = @{}
        Calls                 = [System.Collections.Generic.List[object]]::new()
        Errors                = [System.Collections.Generic.List[string]]::new()
        Prompts               = [System.Collections.Generic.List[object]]::new()
        Remote                = [System.Collections.Generic.List[object]]::new()
        Kerberos              = @{ Purges = [System.Collections.Generic.List[string]]::new() }
        Session               = $null
        PSEdition             = 'Core'
        Files                 = @{}
        Registry              = @{}
        Accounts              = @{ LocalUsers = [System.Collections.Generic.List[object]]::new(); LocalGroups = [System.Collections.Generic.List[object]]::new(); Domain = [System.Collections.Generic.List[object]]::new() }
        WSMan                 = @{ Config = (New-SimWSManConfig); Listeners = [System.Collections.Generic.List[object]]::new(); ClientCertificates = [System.Collections.Generic.List[object]]::new() }
        Firewall              = @{ Rules = @{} }
        Network               = @{ Profiles = @(@{ InterfaceAlias = 'Ethernet'; InterfaceIndex = 4; Name = $(if ($joined) { $DnsDomain } else { 'Network' }); NetworkCategory = $(if ($NetworkCategory) { $NetworkCategory } elseif ($joined) { 'DomainAuthenticated' } else { 'Private' }) }) }
        Services              = @{ 'WINRM' = @{ Name = 'WinRM'; DisplayName = 'Windows Remote Management (WS-Management)'; Status = 'Running'; StartType = 'Automatic' }; 'SSH-AGENT' = @{ Name = 'ssh-agent'; DisplayName = 'OpenSSH Authentication Agent'; Status = 'Stopped'; StartType = 'Disabled' } }
        Capabilities          = @{ 'OpenSSH.Client~~~~0.0.1.0' = 'Installed'; 'OpenSSH.Server~~~~0.0.1.0' = 'NotPresent' }
        Modules               = @{ Available = [System.Collections.Generic.List[string]]@('CimCmdlets', 'Dism', 'Microsoft.PowerShell.LocalAccounts', 'Microsoft.PowerShell.Management', 'Microsoft.PowerShell.Security', 'Microsoft.PowerShell.Utility', 'Microsoft.WSMan.Management', 'NetConnection', 'NetSecurity', 'PKI'); Loaded = [System.Collections.Generic.List[string]]@('Microsoft.PowerShell.Management', 'Microsoft.PowerShell.Security', 'Microsoft.PowerShell.Utility') }
        Certs                 = @{}
        CertStoreNames        = @{}
        KeyContainers         = @{}
        SessionConfigurations = (New-SimDefaultSessionConfigurations)
        AD                    = $null
        Ca                    = $null
    }
    foreach ($m in $ExtraModules) { $s.Modules.Available.Add($m) }
    foreach ($store in @('LocalMachine\My', 'LocalMachine\Root', 'LocalMachine\CA', 'LocalMachine\TrustedPeople', 'LocalMachine\TrustedPublisher', 'LocalMachine\REQUEST', 'LocalMachine\Remote Desktop', 'CurrentUser\My', 'CurrentUser\Root', 'CurrentUser\CA', 'CurrentUser\TrustedPeople', 'CurrentUser\REQUEST')) {
        $s.Certs[$store.ToUpperInvariant()] = @{}
        $s.CertStoreNames[$store.ToUpperInvariant()] = $store
    }
    $previous = [SimContext]::State
    [SimContext]::State = $s
    try {
        # Accounts
        $profileName = ($UserName -split '\\')[-1]
        $adminSid = "$($s.Host.MachineSid)-500"
        $s.Accounts.LocalUsers.Add(@{ Name = 'Administrator'; Sid = $adminSid; Enabled = $true; Description = 'Built-in account for administering the computer/domain' })
        $s.Accounts.LocalUsers.Add(@{ Name = 'Guest'; Sid = "$($s.Host.MachineSid)-501"; Enabled = $false; Description = 'Built-in account for guest access to the computer/domain' })
        $s.Accounts.LocalUsers.Add(@{ Name = 'DefaultAccount'; Sid = "$($s.Host.MachineSid)-503"; Enabled = $false; Description = 'A user account managed by the system.' })
        $s.Accounts.LocalUsers.Add(@{ Name = 'mallory'; Sid = "$($s.Host.MachineSid)-1010"; Enabled = $true; Description = 'A standard user (used by the planted-backup scenario).' })
        $builtin = @(
            @{ Name = 'Administrators'; Sid = 'S-1-5-32-544' }, @{ Name = 'Users'; Sid = 'S-1-5-32-545' }, @{ Name = 'Guests'; Sid = 'S-1-5-32-546' },
            @{ Name = 'Remote Desktop Users'; Sid = 'S-1-5-32-555' }, @{ Name = 'Event Log Readers'; Sid = 'S-1-5-32-573' }, @{ Name = 'Remote Management Users'; Sid = 'S-1-5-32-580' }
        )
        foreach ($g in $builtin) { $s.Accounts.LocalGroups.Add(@{ Name = $g.Name; Sid = $g.Sid; Builtin = $true; Description = ''; Members = [System.Collections.Generic.List[string]]::new() }) }
        $admins = $s.Accounts.LocalGroups[0]
        $users = $s.Accounts.LocalGroups[1]
        $admins.Members.Add($adminSid)
        $users.Members.Add('S-1-5-4'); $users.Members.Add('S-1-5-11'); $users.Members.Add("$($s.Host.MachineSid)-1010")
        $userSid = $null
        $domainGroups = @()
        $primary = "$($s.Host.MachineSid)-513"
        if ($joined) {
            $dsid = (New-SimSid -Seed $domainSeed -Rid 0) -replace '-0$', ''
            $s.Host.DomainSid = $dsid
            # The domain's GPOs, OUs and links, reachable from this host (grouppolicy.ps1).
            $s.GroupPolicy = New-SimGroupPolicyStore -DnsDomain $DnsDomain -DomainSid $dsid -NetBIOSDomain $nb
            $s.Accounts.Domain.Add(@{ Name = "$nb\Domain Admins"; Sid = "$dsid-512"; Class = 'group' })
            $s.Accounts.Domain.Add(@{ Name = "$nb\Domain Users"; Sid = "$dsid-513"; Class = 'group' })
            $s.Accounts.Domain.Add(@{ Name = "$nb\Domain Computers"; Sid = "$dsid-515"; Class = 'group' })
            $s.Accounts.Domain.Add(@{ Name = "$nb\$($s.Host.Name)`$"; Sid = (New-SimSid -Seed "$domainSeed|computer|$($s.Host.Name)" -Rid 1200); Class = 'computer' })
            $userSid = "$dsid-1104"
            $s.Accounts.Domain.Add(@{ Name = "$nb\$profileName"; Sid = $userSid; Class = 'user'; Upn = "$profileName@$DnsDomain" })
            $admins.Members.Add("$dsid-512")
            $users.Members.Add("$dsid-513")
            $domainGroups = @("$dsid-512", "$dsid-513")
            $primary = "$dsid-513"
            $userName = "$nb\$profileName"
        }
        else {
            $userSid = $adminSid
            $profileName = 'Administrator'
            $userName = "$($s.Host.Name)\Administrator"
        }
        $s.User = @{ Name = $userName; Sid = $userSid; Elevated = $Elevated; DomainGroups = $domainGroups; PrimaryGroup = $primary; Profile = "C:\Users\$profileName"; Upn = $(if ($joined) { "$profileName@$DnsDomain" } else { '' }) }
        foreach ($p in $DomainPrincipals) {
            $name = [string]$p.Name
            $class = if ($p.Class) { [string]$p.Class } else { 'group' }
            $s.Accounts.Domain.Add(@{ Name = $name; Sid = (New-SimSid -Seed "principal|$name" -Rid 2000); Class = $class })
        }
        foreach ($u in $LocalUsers) {
            $rid = 1001 + $s.Accounts.LocalUsers.Count
            $s.Accounts.LocalUsers.Add(@{ Name = [string]$u.Name; Sid = "$($s.Host.MachineSid)-$rid"; Enabled = $true; Description = '' })
            if ($u.Administrator) { $admins.Members.Add("$($s.Host.MachineSid)-$rid") } else { $users.Members.Add("$($s.Host.MachineSid)-$rid") }
        }
        foreach ($g in $LocalGroups) {
            $existing = @($s.Accounts.LocalGroups | Where-Object { $_.Name -ieq [string]$g.Name })
            $group = if ($existing) { $existing[0] } else {
                $new = @{ Name = [string]$g.Name; Sid = "$($s.Host.MachineSid)-$(1100 + $s.Accounts.LocalGroups.Count)"; Builtin = $false; Description = ''; Members = [System.Collections.Generic.List[string]]::new() }
                $s.Accounts.LocalGroups.Add($new); $new
            }
            foreach ($m in @($g.Members)) {
                if (-not $m) { continue }
                $sid = if ($m -eq '$CurrentUser') { $s.User.Sid } else { Resolve-SimAccountSid -Name ([string]$m) }
                if (-not $sid) { throw "SimHost: member '$m' of local group $($g.Name) is unknown." }
                if (-not $group.Members.Contains($sid)) { $group.Members.Add($sid) }
            }
        }

        # File system
        Add-SimStockFolder -Path 'C:\' -Sddl 'O:SYG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)(A;CI;0x4;;;BU)(A;CIIO;0x2;;;BU)'
        Add-SimStockFolder -Path 'C:\Windows' -Sddl 'O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464G:SYD:P(A;OICI;FA;;;S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)(A;OICI;0x1301bf;;;SY)(A;OICI;0x1301bf;;;BA)(A;OICI;0x1200a9;;;BU)(A;OICIIO;GA;;;CO)'
        foreach ($d in @('C:\Windows\System32', 'C:\Windows\System32\OpenSSH', 'C:\Windows\System32\WindowsPowerShell', 'C:\Windows\System32\WindowsPowerShell\v1.0', 'C:\Windows\System32\WindowsPowerShell\v1.0\SessionConfig', 'C:\Windows\System32\WindowsPowerShell\v1.0\Modules')) { Add-SimStockFolder -Path $d }
        foreach ($f in @('C:\Windows\System32\winrm.cmd', 'C:\Windows\System32\klist.exe', 'C:\Windows\System32\icacls.exe', 'C:\Windows\System32\whoami.exe', 'C:\Windows\System32\net.exe', 'C:\Windows\System32\OpenSSH\ssh.exe', 'C:\Windows\System32\OpenSSH\ssh-keygen.exe', 'C:\Windows\System32\OpenSSH\ssh-agent.exe', 'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe')) { Add-SimStockFile -Path $f }
        # Created in Windows' order, so that the 8.3 names match: PROGRA~1, PROGRA~2, PROGRA~3.
        Add-SimStockFolder -Path 'C:\Program Files' -Sddl 'O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464G:SYD:P(A;OICI;FA;;;S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)(A;OICI;0x1301bf;;;SY)(A;OICI;0x1301bf;;;BA)(A;OICI;0x1200a9;;;BU)(A;OICIIO;GA;;;CO)'
        Add-SimStockFolder -Path 'C:\Program Files (x86)' -Sddl 'O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464G:SYD:P(A;OICI;FA;;;S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)(A;OICI;0x1301bf;;;SY)(A;OICI;0x1301bf;;;BA)(A;OICI;0x1200a9;;;BU)(A;OICIIO;GA;;;CO)'
        Add-SimStockFolder -Path 'C:\ProgramData' -Sddl 'O:SYG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)(A;CI;0x116;;;BU)'
        Add-SimStockFolder -Path 'C:\ProgramData\Microsoft'
        foreach ($d in @('C:\Program Files\WindowsPowerShell', 'C:\Program Files\WindowsPowerShell\Modules', 'C:\Program Files\PowerShell', 'C:\Program Files\PowerShell\7')) { Add-SimStockFolder -Path $d }
        Add-SimStockFile -Path 'C:\Program Files\PowerShell\7\pwsh.exe'
        Add-SimStockFolder -Path 'C:\Users' -Sddl 'O:SYG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)(A;OICI;0x1200a9;;;WD)'
        Add-SimStockFolder -Path 'C:\Users\Public'
        Add-SimStockFolder -Path $s.User.Profile -Sddl ('O:{0}G:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;{0})' -f $s.User.Sid)
        foreach ($d in @('AppData', 'AppData\Local', 'AppData\Local\Temp', 'Documents')) { Add-SimStockFolder -Path "$($s.User.Profile)\$d" }

        # Registry
        foreach ($k in @('HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System', 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Run', 'HKLM:\SOFTWARE\Policies\Microsoft\Windows', 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa', 'HKCU:\SOFTWARE\Microsoft')) { $null = New-SimRegistryKey -Path $k -Force }
        Set-SimRegistryValue -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -Name 'EnableLUA' -Value 1 -Kind DWord
        Set-SimRegistryValue -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -Name 'ConsentPromptBehaviorAdmin' -Value 5 -Kind DWord
        Set-SimRegistryValue -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Run' -Name 'SecurityHealth' -Value '%windir%\system32\SecurityHealthSystray.exe' -Kind ExpandString
        foreach ($k in @($GroupPolicy.Keys)) {
            $section, $name = $k.Split('\', 2)
            $value = $GroupPolicy[$k]
            Set-SimRegistryValue -Path "$script:SimWinRMPolicyRoot\$section" -Name $name -Value $value -Kind $(if ($value -is [int] -or $value -is [long]) { 'DWord' } else { 'String' }) -CreateKey
        }

        # WinRM: the HTTP listener Enable-PSRemoting creates.
        $s.WSMan.Listeners.Add(@{ Address = '*'; Transport = 'HTTP'; Port = '5985'; Hostname = ''; Enabled = 'true'; URLPrefix = 'wsman'; CertificateThumbprint = '' })

        # Firewall
        $winrmGroup = '@FirewallAPI.dll,-30267'
        $s.Firewall.Rules['WINRM-HTTP-IN-TCP'] = @{ Name = 'WINRM-HTTP-In-TCP'; DisplayName = 'Windows Remote Management (HTTP-In)'; Description = 'Inbound rule for Windows Remote Management via WS-Management. [TCP 5985]'; Group = $winrmGroup; DisplayGroup = 'Windows Remote Management'; Enabled = 'True'; Profile = 'Domain, Private'; Direction = 'Inbound'; Action = 'Allow'; Protocol = 'TCP'; LocalPort = @('5985'); RemoteAddress = @('Any'); LocalAddress = @('Any') }
        $s.Firewall.Rules['WINRM-HTTP-IN-TCP-PUBLIC'] = @{ Name = 'WINRM-HTTP-In-TCP-PUBLIC'; DisplayName = 'Windows Remote Management (HTTP-In)'; Description = 'Inbound rule for Windows Remote Management via WS-Management. [TCP 5985]'; Group = $winrmGroup; DisplayGroup = 'Windows Remote Management'; Enabled = 'True'; Profile = 'Public'; Direction = 'Inbound'; Action = 'Allow'; Protocol = 'TCP'; LocalPort = @('5985'); RemoteAddress = @('LocalSubnet'); LocalAddress = @('Any') }
        $s.Firewall.Rules['WINRM-HTTP-COMPAT-IN-TCP'] = @{ Name = 'WINRM-HTTP-Compat-In-TCP'; DisplayName = 'Windows Remote Management - Compatibility Mode (HTTP-In)'; Description = 'Compatibility mode inbound rule for Windows Remote Management via WS-Management. [TCP 80]'; Group = '@FirewallAPI.dll,-35001'; DisplayGroup = 'Windows Remote Management (Compatibility)'; Enabled = 'False'; Profile = 'Any'; Direction = 'Inbound'; Action = 'Allow'; Protocol = 'TCP'; LocalPort = @('80'); RemoteAddress = @('Any'); LocalAddress = @('Any') }
        $s.Firewall.Rules['REMOTEDESKTOP-USERMODE-IN-TCP'] = @{ Name = 'RemoteDesktop-UserMode-In-TCP'; DisplayName = 'Remote Desktop - User Mode (TCP-In)'; Description = 'Inbound rule for the Remote Desktop service to allow RDP traffic. [TCP 3389]'; Group = '@FirewallAPI.dll,-28752'; DisplayGroup = 'Remote Desktop'; Enabled = 'True'; Profile = 'Any'; Direction = 'Inbound'; Action = 'Allow'; Protocol = 'TCP'; LocalPort = @('3389'); RemoteAddress = @('Any'); LocalAddress = @('Any') }

        # Certificates
        $msRoot = New-SimCertificateRecord -Subject 'CN=Microsoft Root Certificate Authority 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US' -Eku @() -Days 9000 -NotBefore ([datetime]'2011-03-22') -HasPrivateKey $false -Seed 'microsoft-root-2011'
        $null = Add-SimCertificateToStore -Record $msRoot -Store 'LocalMachine\Root'
        if ($EnterpriseCa) {
            $caRoot = New-SimCertificateRecord -Subject 'CN=Corp Issuing CA, DC=corp, DC=example, DC=org' -Eku @() -Days 3650 -NotBefore ([datetime]'2024-01-01') -HasPrivateKey $false -Seed 'corp-issuing-ca'
            $null = Add-SimCertificateToStore -Record $caRoot -Store 'LocalMachine\Root'
            $s.Ca = @{ Available = $true; Subject = $caRoot.Subject; Thumbprint = $caRoot.Thumbprint; Mode = $(if ($EnterpriseCa.Mode) { [string]$EnterpriseCa.Mode } else { 'Issue' }); Templates = @($(if ($EnterpriseCa.Templates) { $EnterpriseCa.Templates } else { @('WebServer', 'Computer', 'User') })) }
        }
        foreach ($c in $Certificates) {
            $issuedByCa = [string]$c.Issuer -eq 'CA'
            if ($issuedByCa -and -not $s.Ca) { throw 'SimHost: a CA-issued certificate needs -EnterpriseCa.' }
            $rec = New-SimCertificateRecord -Subject ([string]$c.Subject) -Issuer $(if ($issuedByCa) { $s.Ca.Subject } else { '' }) -IssuerThumbprint $(if ($issuedByCa) { $s.Ca.Thumbprint } else { '' }) -Dns @($c.Dns) -Ips @($c.Ips) -Upns @($c.Upns) -Eku @($(if ($c.Eku) { $c.Eku } else { '1.3.6.1.5.5.7.3.1' })) -Days $(if ($c.Days) { [int]$c.Days } else { 365 }) -HasPrivateKey $(if ($null -ne $c.HasPrivateKey) { [bool]$c.HasPrivateKey } else { $true }) -Seed ("stock|$ComputerName|" + $c.Subject + '|' + $c.Store)
            $null = Add-SimCertificateToStore -Record $rec -Store $(if ($c.Store) { [string]$c.Store } else { 'LocalMachine\My' })
        }

        # Active Directory (the directory as seen from the dc host)
        if ($Role -eq 'dc') {
            if (-not $joined) { throw 'SimHost: the dc host must be domain-joined.' }
            $s.Modules.Available.Add('ActiveDirectory')
            $base = ($DnsDomain.Split('.') | ForEach-Object { "DC=$_" }) -join ','
            $s.AD = @{ Domain = $DnsDomain; Dc = "dc01.$DnsDomain"; BaseDN = $base; Objects = @{} }
            foreach ($c in $AdComputers) {
                $n = ([string]$c.Name).ToUpperInvariant()
                $dn = "CN=$n,OU=Servers,$base"
                $s.AD.Objects[$dn.ToUpperInvariant()] = @{ Class = 'computer'; Name = $n; SamAccountName = "$n`$"; DistinguishedName = $dn; DNSHostName = [string]$c.DNSHostName; Sid = (New-SimSid -Seed "$domainSeed|computer|$n" -Rid 1200); ObjectGUID = ([guid]::new((New-SimHex -Seed "guid|$dn" -Length 32))).ToString(); Enabled = $true; PrincipalsAllowedToDelegateToAccount = @(); TrustedForDelegation = $false; TrustedToAuthForDelegation = $false; 'msDS-AllowedToDelegateTo' = @() }
            }
            foreach ($c in $AdComputers) {
                if (-not $c.PrincipalsAllowed) { continue }
                $o = Find-SimADObject -Identity ([string]$c.Name) -Class 'computer'
                $o.PrincipalsAllowedToDelegateToAccount = @(@($c.PrincipalsAllowed) | ForEach-Object { (Find-SimADObject -Identity ([string]$_)).DistinguishedName })
            }
        }

        # Non-stock starts
        foreach ($v in $Variants) { Invoke-SimVariant -Name $v }
    }
    finally {
        [SimContext]::State = $previous
    }
    $s
}

function Invoke-SimVariant {
    param([string]$Name)
    $s = Get-SimState
    switch ($Name) {
        'HttpsListener' {
            # Another administrator's HTTPS listener, with a certificate for another name.
            $rec = New-SimCertificateRecord -Subject "CN=legacy-$($s.Host.Name.ToLowerInvariant())" -Dns @("legacy-$($s.Host.Name.ToLowerInvariant())") -Eku @('1.3.6.1.5.5.7.3.1') -Days 300 -HasPrivateKey $true -Seed "legacy|$($s.Host.Name)"
            $null = Add-SimCertificateToStore -Record $rec -Store 'LocalMachine\My'
            $s.WSMan.Listeners.Add(@{ Address = '*'; Transport = 'HTTPS'; Port = '5986'; Hostname = "legacy-$($s.Host.Name.ToLowerInvariant())"; Enabled = 'true'; URLPrefix = 'wsman'; CertificateThumbprint = $rec.Thumbprint })
            $s.Firewall.Rules['LEGACY-WINRM-HTTPS'] = @{ Name = 'Legacy-WinRM-HTTPS'; DisplayName = 'WinRM HTTPS (legacy monitoring)'; Description = ''; Group = ''; DisplayGroup = ''; Enabled = 'True'; Profile = 'Domain'; Direction = 'Inbound'; Action = 'Allow'; Protocol = 'TCP'; LocalPort = @('5986'); RemoteAddress = @('10.0.99.0/255.255.255.0'); LocalAddress = @('Any') }
        }
        'CredSSPOthers' {
            $s.WSMan.Config['Client\Auth\CredSSP'] = 'true'
            $key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
            Set-SimRegistryValue -Path $key -Name 'AllowFreshCredentials' -Value 1 -Kind DWord -CreateKey
            Set-SimRegistryValue -Path $key -Name 'ConcatenateDefaults_AllowFresh' -Value 1 -Kind DWord
            Set-SimRegistryValue -Path "$key\AllowFreshCredentials" -Name '1' -Value 'wsman/other.contoso.com' -Kind String -CreateKey
            Set-SimRegistryValue -Path "$key\AllowFreshCredentials" -Name '2' -Value 'TERMSRV/rds01.contoso.com' -Kind String
        }
        'TrustedHostsOthers' { $s.WSMan.Config['Client\TrustedHosts'] = 'legacy01.contoso.com,10.0.99.7' }
        'OpenSSHServer' { $s.Capabilities['OpenSSH.Server~~~~0.0.1.0'] = 'Installed'; Install-SimOpenSshServer; $s.Services['SSHD'].StartType = 'Automatic'; Start-SimService -Cmdlet $null -Service $s.Services['SSHD'] }
        'TokenFilterPolicy' { Set-SimRegistryValue -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -Name 'LocalAccountTokenFilterPolicy' -Value 1 -Kind DWord }
        'ScriptBlockLogging' { Set-SimRegistryValue -Path 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\PowerShell\ScriptBlockLogging' -Name 'EnableScriptBlockLogging' -Value 1 -Kind DWord -CreateKey }
        default { throw "SimHost: unknown variant '$Name'." }
    }
}

function Copy-SimState {
    param([Parameter(Mandatory = $true)][hashtable]$State)
    Copy-SimObject $State
}

# ---------------------------------------------------------------------------------------------
# Snapshot: the whole persistent state as canonical JSON (keys sorted; sets sorted).

# The persistent parts of the state, as they are (no per-item processing, for speed); only the
# lists whose order carries no meaning are sorted, and Group Policy overrides are added.
function Get-SimSnapshotObject {
    param([Parameter(Mandatory = $true)][hashtable]$State)
    $wsmanPolicy = @{}
    if ($State.Registry.ContainsKey('HKLM:\SOFTWARE\POLICIES\MICROSOFT\WINDOWS\WINRM\SERVICE') -or $State.Registry.ContainsKey('HKLM:\SOFTWARE\POLICIES\MICROSOFT\WINDOWS\WINRM\CLIENT')) {
        $previous = [SimContext]::State
        [SimContext]::State = $State
        try {
            foreach ($k in $script:SimWSManPolicies.Keys) {
                $v = Get-SimWSManValue -ConfigKey $k
                if ($v.Source -eq 'GPO') { $wsmanPolicy[$k] = $v.Value }
            }
        }
        finally { [SimContext]::State = $previous }
    }
    $ad = $null
    if ($State.AD) {
        foreach ($o in $State.AD.Objects.Values) {
            $list = [string[]]@($o.PrincipalsAllowedToDelegateToAccount)
            if ($list.Count -gt 1) { [Array]::Sort($list, [StringComparer]::Ordinal); $o.PrincipalsAllowedToDelegateToAccount = [object[]]$list }
        }
        $ad = $State.AD.Objects
    }
    $listeners = [object[]]$State.WSMan.Listeners.ToArray()
    if ($listeners.Count -gt 1) { $listeners = [object[]]@($listeners | Sort-Object { $_.Transport + '|' + $_.Address }) }
    $mappings = [object[]]$State.WSMan.ClientCertificates.ToArray()
    if ($mappings.Count -gt 1) { $mappings = [object[]]@($mappings | Sort-Object { $_.Subject + '|' + $_.Issuer + '|' + $_.URI }) }
    [ordered]@{
        Host                  = $State.Host
        WSMan                 = [ordered]@{
            Config             = $State.WSMan.Config
            Policy             = $wsmanPolicy
            Listeners          = $listeners
            ClientCertificates = $mappings
        }
        Registry              = $State.Registry
        Files                 = [SimHost.SimNative]::FilesView($State.Files)
        Firewall              = $State.Firewall
        Network               = $State.Network
        Services              = $State.Services
        Capabilities          = $State.Capabilities
        Certificates          = $State.Certs
        KeyContainers         = $State.KeyContainers
        SessionConfigurations = $State.SessionConfigurations
        Accounts              = $State.Accounts
        ActiveDirectory       = $ad
    }
}

function Get-SimSnapshot {
    param([Parameter(Mandatory = $true)][hashtable]$State)
    [SimHost.SimNative]::CanonicalJson((Get-SimSnapshotObject -State $State))
}

# ---------------------------------------------------------------------------------------------
# Mutations: what happens between the scripts, done by someone else.

function Get-SimFileByName {
    param([Parameter(Mandatory = $true)][hashtable]$State, [Parameter(Mandatory = $true)][string]$Name)
    $hits = @($State.Files.Values | Where-Object { $_.Type -eq 'File' -and (Get-SimLeafName -Full $_.Path) -ieq $Name } | Sort-Object { $_.Path })
    if ($hits.Count) { return $hits[0].Path }
    $null
}

function Copy-SimFileBetweenHosts {
    param([Parameter(Mandatory = $true)][hashtable]$From, [Parameter(Mandatory = $true)][hashtable]$To, [Parameter(Mandatory = $true)][string]$FileName, [Parameter(Mandatory = $true)][string]$ToPath)
    $src = Get-SimFileByName -State $From -Name $FileName
    if (-not $src) { return $false }
    $entry = $From.Files[$src.ToUpperInvariant()]
    $previous = [SimContext]::State
    [SimContext]::State = $To
    try {
        $parent = Get-SimParentPath -Full $ToPath
        if ($parent) { $null = New-SimFsDirectoryTree -Full $parent }
        Write-SimFileText -Path $ToPath -Text $entry.Content
        if ($entry.ContainsKey('Meta')) { $To.Files[$ToPath.ToUpperInvariant()].Meta = Copy-SimObject $entry.Meta }
    }
    finally { [SimContext]::State = $previous }
    $true
}

function Invoke-SimMutation {
    param([Parameter(Mandatory = $true)][hashtable]$State, [Parameter(Mandatory = $true)][string]$Action, [hashtable]$Arguments = @{})
    $previous = [SimContext]::State
    [SimContext]::State = $State
    try {
        switch ($Action) {
            'AddTrustedHost' {
                $current = $State.WSMan.Config['Client\TrustedHosts']
                $State.WSMan.Config['Client\TrustedHosts'] = if ($current) { "$current,$($Arguments.Value)" } else { [string]$Arguments.Value }
                return 'done'
            }
            'AddDelegationPrincipal' {
                $o = Find-SimADObject -Identity ([string]$Arguments.Resource) -Class 'computer'
                $p = Find-SimADObject -Identity ([string]$Arguments.Principal)
                if (-not $o -or -not $p) { return 'missing' }
                $o.PrincipalsAllowedToDelegateToAccount = @(@($o.PrincipalsAllowedToDelegateToAccount) + $p.DistinguishedName | Select-Object -Unique)
                return 'done'
            }
            'AddAllowFreshCredentials' {
                $list = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation\AllowFreshCredentials'
                $k = Get-SimRegistryKey -Path $list
                if (-not $k) { $k = New-SimRegistryKey -Path $list -Force }
                Set-SimRegistryValue -Path $list -Name ([string]($k.Values.Count + 1)) -Value ([string]$Arguments.Value) -Kind String
                return 'done'
            }
            'SetGroupPolicy' {
                # Policy values under HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\<Service|Client>.
                foreach ($k in @($Arguments.Keys)) {
                    $section, $name = $k.Split('\', 2)
                    $value = $Arguments[$k]
                    $isNumber = $value -is [int] -or $value -is [long]
                    Set-SimRegistryValue -Path "$script:SimWinRMPolicyRoot\$section" -Name $name -Value $(if ($isNumber) { [int]$value } else { [string]$value }) -Kind $(if ($isNumber) { 'DWord' } else { 'String' }) -CreateKey
                }
                return 'done'
            }
            'SetNetworkCategory' { foreach ($p in $State.Network.Profiles) { $p.NetworkCategory = [string]$Arguments.Category }; return 'done' }
            'PlantBackup' { return (Invoke-SimPlantBackup -Arguments $Arguments) }
            default { throw "SimHost: unknown mutation '$Action'." }
        }
    }
    finally { [SimContext]::State = $previous }
}

# A standard user (mallory) tries to plant a backup next to the newest one the guide made: a copy
# of it whose change log also sets a Run key value. Succeeds only if the folder ACLs let her.
function Invoke-SimPlantBackup {
    param([hashtable]$Arguments)
    $s = Get-SimState
    $root = 'C:\ProgramData\PSRemotingGuide'
    $rootEntry = $s.Files[$root.ToUpperInvariant()]
    if (-not $rootEntry) { return 'no-backup-root' }
    $legit = @(Get-SimFsChildren -Key $root.ToUpperInvariant() | Where-Object { $_.Type -eq 'Directory' -and (Get-SimFsChildren -Key $_.Path.ToUpperInvariant() | Where-Object { (Get-SimLeafName -Full $_.Path) -ieq 'changes.clixml' }) } | Sort-Object { $_.Path })
    if (-not $legit.Count) { return 'no-backup' }
    $model = $legit[-1]
    $name = Get-SimLeafName -Full $model.Path
    $planted = if ($name -match '^(.*?)(\d{8})-(\d{6})(.*)$') { '{0}{1}-{2}{3}' -f $Matches[1], $Matches[2], ([int]$Matches[3] + 1).ToString('000000'), $Matches[4] } else { $name + '-1' }
    $mallory = @($s.Accounts.LocalUsers | Where-Object { $_.Name -eq 'mallory' })[0]
    $token = @($mallory.Sid, 'S-1-1-0', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-4')
    if (-not (Test-SimAccess -Sd $rootEntry.Acl -Sids $token -Mask 0x4)) { return 'denied' }
    $creator = @{ Owner = $mallory.Sid; Group = "$($s.Host.MachineSid)-513" }
    $dir = New-SimFsEntry -Full "$root\$planted" -Type Directory -Creator $creator
    foreach ($f in @(Get-SimFsChildren -Key $model.Path.ToUpperInvariant() | Where-Object { $_.Type -eq 'File' })) {
        $leaf = Get-SimLeafName -Full $f.Path
        $content = [string]$f.Content
        if ($leaf -ieq 'changes.clixml') {
            $state = [System.Management.Automation.PSSerializer]::Deserialize($content)
            $changes = [System.Collections.Generic.List[object]]::new()
            foreach ($c in @($state.Changes)) { $changes.Add($c) }
            $changes.Add([pscustomobject]@{ Kind = 'RegistryValue'; Path = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Run'; Name = 'SimHostPlanted'; Previous = 'C:\Users\Public\payload.exe'; KeyExisted = $true })
            $state.Changes = $changes
            $content = [System.Management.Automation.PSSerializer]::Serialize($state, 5)
        }
        $null = New-SimFsEntry -Full "$($dir.Path)\$leaf" -Type File -Content $content -Creator $creator
    }
    'planted'
}
