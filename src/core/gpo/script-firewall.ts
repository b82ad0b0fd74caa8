/**
 * The firewall rules of the servers' GPO (New-NetFirewallRule -PolicyStore '<domain>\<GPO>'): the
 * rules of the firewall plan, scoped to $AdminSubnet and the plan's profiles. The built-in rules
 * stay the target script's job: a GPO cannot turn off a server's own rules (see the settings table).
 */
import { writeFirewallAddressHelper, type ScriptModel } from '../powershell/common';
import { num, q, qList } from '../powershell/quote';
import { ps, type PsWriter } from '../powershell/writer';

export function writeGpoFirewallHelper(w: PsWriter): void {
  writeFirewallAddressHelper(w);
  w.code(ps`
    function Set-GuideGpoFirewallRule {
        param(
            [Parameter(Mandatory = $true)][string]$Name,
            [Parameter(Mandatory = $true)][string]$DisplayName,
            [Parameter(Mandatory = $true)][int]$Port,
            [Parameter(Mandatory = $true)][string[]]$Profiles
        )
        $existing = Get-NetFirewallRule -PolicyStore $GuidePolicyStore -Name $Name -ErrorAction SilentlyContinue
        if ($existing) {
            $filter = $existing | Get-NetFirewallAddressFilter
            # Windows shows IPv4 prefixes as masks (10.0.50.0/255.255.255.0): compare like with like, so that a rerun changes nothing.
            $wantedAddresses = @($AdminSubnet | ForEach-Object { ConvertTo-GuideFirewallAddress -Address ([string]$_) } | Sort-Object -Unique)
            $currentAddresses = @($filter.RemoteAddress | ForEach-Object { ConvertTo-GuideFirewallAddress -Address ([string]$_) } | Sort-Object -Unique)
            $currentProfiles = @(([string]$existing.Profile -split ',\s*') | Sort-Object -Unique)
            $sameAddresses = ($wantedAddresses -join ',') -eq ($currentAddresses -join ',')
            $sameProfiles = (@($Profiles | Sort-Object -Unique) -join ',') -eq ($currentProfiles -join ',')
            if ($sameAddresses -and $sameProfiles -and [string]$existing.Enabled -eq 'True' -and [string]$existing.Action -eq 'Allow') {
                Write-Host ('Unchanged: the GPO firewall rule {0} already admits TCP {1} from {2} only' -f $Name, $Port, ($AdminSubnet -join ', '))
                return
            }
            Start-GuideGpoChange
            Set-NetFirewallRule -PolicyStore $GuidePolicyStore -Name $Name -RemoteAddress $AdminSubnet -Profile $Profiles -Action Allow -Enabled True
            Add-GuideGpoChange -Text ('updated the GPO firewall rule {0}: TCP {1} from {2}' -f $Name, $Port, ($AdminSubnet -join ', '))
        }
        else {
            Start-GuideGpoChange
            $null = New-NetFirewallRule -PolicyStore $GuidePolicyStore -Name $Name -DisplayName $DisplayName -Direction Inbound -Protocol TCP -LocalPort $Port -Action Allow -Profile $Profiles -RemoteAddress $AdminSubnet
            Add-GuideGpoChange -Text ('created the GPO firewall rule {0}: TCP {1} from {2}' -f $Name, $Port, ($AdminSubnet -join ', '))
        }
    }
  `);
}

export function writeGpoFirewall(w: PsWriter, m: ScriptModel): void {
  w.section('Firewall rules in the GPO: remoting only from $AdminSubnet');
  writeGpoFirewallHelper(w);
  for (const rule of m.firewall.rules) {
    w.code(ps`Set-GuideGpoFirewallRule -Name ${q(rule.name)} -DisplayName ${q(rule.displayName)} -Port ${num(rule.port)} -Profiles @(${qList(rule.profiles)})`);
  }
}
