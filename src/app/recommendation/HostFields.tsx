import { useId } from 'react';
import { validateHost } from '../../core/hosts.ts';
import type { HostKind } from '../../core/model.ts';
import { AdminSubnetField } from './AdminSubnetField.tsx';
import { useSettledAnnouncement } from './useSettledAnnouncement.ts';

type Field = 'target' | 'resource' | 'adminSubnet';

interface Props {
  target: string;
  resource: string;
  adminSubnet: string;
  /** The kind of the valid target the user typed (an IP target needs an admin address of its family). */
  targetKind: HostKind | undefined;
  showResource: boolean;
  includeInLink: boolean;
  /** Delegated (JEA) users connect too: the admin addresses include the help desk's computers. */
  delegatedUsers?: boolean;
  onChange: (field: Field, value: string) => void;
  onIncludeChange: (include: boolean) => void;
}

/** Optional host names and admin addresses: checked as you type; only valid values ever reach the scripts. */
export function HostFields(props: Props) {
  return (
    <section className="host-fields" aria-labelledby="hosts-title">
      <h2 id="hosts-title">Your host names and admin addresses (optional)</h2>
      <p className="muted">
        Fill these in and the scripts use your values instead of the examples, so they are ready to run. Host names: a DNS name, an IPv4 or an IPv6 address.
      </p>
      <div className="host-grid">
        <HostField label="Target server (the one you connect to)" value={props.target} onChange={(v) => props.onChange('target', v)} />
        {props.showResource && (
          <HostField label="Second computer (the resource)" value={props.resource} onChange={(v) => props.onChange('resource', v)} />
        )}
        <AdminSubnetField value={props.adminSubnet} targetKind={props.targetKind} delegatedUsers={props.delegatedUsers ?? false} onChange={(v) => props.onChange('adminSubnet', v)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={props.includeInLink} onChange={(e) => props.onIncludeChange(e.target.checked)} />
        Include these host names and admin addresses in the link (they are left out unless you tick this)
      </label>
    </section>
  );
}

function HostField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  const result = value === '' ? undefined : validateHost(value);
  const invalid = result !== undefined && !result.ok;
  const message =
    result === undefined
      ? 'Empty: the scripts use an example name.'
      : result.ok
        ? `Valid ${result.kind === 'dns' ? 'DNS name' : result.kind === 'ipv4' ? 'IPv4 address' : 'IPv6 address'}: used in the scripts.`
        : result.message;
  const { announced, markEdited } = useSettledAnnouncement(message, value);
  return (
    <div className="host-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        maxLength={300}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-msg`}
        onChange={(e) => {
          markEdited();
          onChange(e.target.value);
        }}
      />
      <p id={`${id}-msg`} className={invalid ? 'field-error' : 'muted'}>
        {message}
      </p>
      <p role="status" className="visually-hidden">
        {announced}
      </p>
    </div>
  );
}
