import { useEffect, useId, useState } from 'react';
import { validateHost } from '../../core/hosts.ts';

interface Props {
  target: string;
  resource: string;
  showResource: boolean;
  includeInLink: boolean;
  onChange: (field: 'target' | 'resource', value: string) => void;
  onIncludeChange: (include: boolean) => void;
}

/** Optional host names: checked as you type; only valid names ever reach the scripts. */
export function HostFields(props: Props) {
  return (
    <section className="host-fields" aria-labelledby="hosts-title">
      <h2 id="hosts-title">Your host names (optional)</h2>
      <p className="muted">
        Fill these in and the scripts use your names instead of the examples. A DNS name, an IPv4 or an IPv6 address.
      </p>
      <div className="host-grid">
        <HostField label="Target server (the one you connect to)" value={props.target} onChange={(v) => props.onChange('target', v)} />
        {props.showResource && (
          <HostField label="Second computer (the resource)" value={props.resource} onChange={(v) => props.onChange('resource', v)} />
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={props.includeInLink} onChange={(e) => props.onIncludeChange(e.target.checked)} />
        Include these host names in the link (they are left out unless you tick this)
      </label>
    </section>
  );
}

/** How long typing must pause before the field's verdict is spoken: one announcement, not one per key. */
const ANNOUNCE_DELAY_MS = 700;

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
  // What the status region says: set only after the user has typed and then paused, so a value
  // from the link is not announced on load and a screen reader is not interrupted on every key.
  const [edited, setEdited] = useState(false);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (!edited) return;
    const t = setTimeout(() => setAnnounced(message), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(t);
    // Every change of the value restarts the wait, so nothing is said while the user is typing.
  }, [edited, message, value]);
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
          setEdited(true);
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
