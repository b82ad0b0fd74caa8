/**
 * The CredSSP delegation policy that Enable-WSManCredSSP -Role Client writes (through the local
 * Group Policy object): under CredentialsDelegation, AllowFreshCredentials = 1,
 * ConcatenateDefaults_AllowFresh = 1, and one numbered value 'wsman/<computer>' per delegate in the
 * AllowFreshCredentials subkey. Disable-WSManCredSSP -Role Client removes every 'wsman/...' value
 * (other servers' too) and keeps the others. The client script records the list before it adds
 * its entry, and the rollback removes only that entry.
 */
import { q } from './quote';
import { ps, type PsWriter } from './writer';

export const CREDSSP_POLICY = {
  key: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation',
  freshCredentialsKey: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials',
  /** The service class Enable-WSManCredSSP puts before each delegate computer. */
  prefix: 'wsman/',
} as const;

/** Get-GuideFreshCredentials: the values of the AllowFreshCredentials list. */
export function writeFreshCredentialsReader(w: PsWriter): void {
  w.code(ps`
    function Get-GuideFreshCredentials {
        $key = ${q(CREDSSP_POLICY.freshCredentialsKey)}
        if (-not (Test-Path -Path $key)) { return @() }
        $values = Get-ItemProperty -Path $key
        # The value names are 1, 2, 3...; Get-ItemProperty adds PSPath, PSParentPath and the like.
        return @($values.PSObject.Properties | Where-Object { $_.Name -notlike 'PS*' } | ForEach-Object { [string]$_.Value })
    }
  `);
}
