/** Authentication hardening of the WinRM service: no unencrypted traffic, no Basic, channel binding. */
import { WSMAN } from '../../rules/settings';
import { writeSetting, type PlannedWSManValue, type ScriptModel } from '../common';
import type { PsWriter } from '../writer';
import { targetFacts } from './facts';

/** The WSMan: service values the target script sets, in the order it sets them. */
export function serviceValues(m: ScriptModel): PlannedWSManValue[] {
  const f = targetFacts(m);
  const values: PlannedWSManValue[] = [
    { path: WSMAN.serviceAllowUnencrypted, value: 'false' },
    { path: WSMAN.serviceBasic, value: 'false' },
  ];
  // Channel binding protects Negotiate and Kerberos over TLS; Relaxed (the default) accepts requests without a token.
  if (f.https) values.push({ path: WSMAN.serviceCbt, value: 'Strict' });
  return values;
}

export function writeServiceHardening(w: PsWriter, m: ScriptModel): void {
  w.section('WinRM service hardening');
  for (const v of serviceValues(m)) if (v.value !== null) writeSetting(w, v.path, v.value);
}
