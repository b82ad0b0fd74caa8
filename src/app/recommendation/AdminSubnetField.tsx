import { ADMIN_SUBNET_HINT, isBlankAdminSubnet, validateAdminSubnet } from '../../core/admin-subnet.ts';
import type { HostKind } from '../../core/model.ts';
import { EXAMPLE_ADMIN_SUBNET } from '../../core/rules/constants.ts';
import { ListField } from './ListField.tsx';

interface Props {
  value: string;
  targetKind: HostKind | undefined;
  /** Delegated (JEA) users connect from their own computers, which the firewall must admit too. */
  delegatedUsers: boolean;
  onChange: (value: string) => void;
}

function verdict(value: string, targetKind: HostKind | undefined): { invalid: boolean; message: string } {
  if (isBlankAdminSubnet(value)) {
    return { invalid: false, message: `Empty: the scripts keep the example ${EXAMPLE_ADMIN_SUBNET} and stop until you edit $AdminSubnet.` };
  }
  const result = validateAdminSubnet(value, targetKind ? { targetKind } : {});
  if (!result.ok) return { invalid: true, message: result.message };
  const count = result.entries.length;
  return { invalid: false, message: `Valid: ${count} ${count === 1 ? 'entry' : 'entries'}, used in the scripts as $AdminSubnet.` };
}

/**
 * The addresses the firewall rule admits ($AdminSubnet): checked as you type, like the host names.
 * No maxLength: a pasted list cut short could end in a valid but wrong address; the validator
 * refuses an over-long list instead.
 */
export function AdminSubnetField({ value, targetKind, delegatedUsers, onChange }: Props) {
  const { invalid, message } = verdict(value, targetKind);
  return (
    <ListField
      label={
        delegatedUsers
          ? "Addresses you administer from and the help desk's own computers (the firewall admits only these)"
          : 'Addresses you administer from (the firewall admits only these)'
      }
      hint={ADMIN_SUBNET_HINT}
      value={value}
      invalid={invalid}
      message={<p>{message}</p>}
      spoken={message}
      onChange={onChange}
    />
  );
}
