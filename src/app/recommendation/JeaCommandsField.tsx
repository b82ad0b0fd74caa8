import { useId } from 'react';
import { isBlankJeaCommands, validateJeaCommands } from '../../core/jea-commands.ts';
import { ListField } from './ListField.tsx';

// Here rather than in the core: only this field shows it (the validator is in the page's first load).
const JEA_COMMANDS_HINT =
  'Separate commands with commas, spaces or new lines. Each is a command name, Verb-Noun (Restart-Service) or module-qualified (Microsoft.PowerShell.Management\\Restart-Service). No wildcards, parameters or script.';

interface Props {
  value: string;
  onChange: (value: string) => void;
}

function verdict(value: string): { invalid: boolean; message: string; problems: string[] } {
  if (isBlankJeaCommands(value)) {
    return { invalid: false, message: 'Empty: the role keeps the example (read services, restart only the Print Spooler).', problems: [] };
  }
  const result = validateJeaCommands(value);
  if (!result.ok) {
    const problems = result.problems.map((p) => p.message);
    return {
      invalid: true,
      message: problems.length > 0 ? 'These entries were refused; the scripts keep the example role until they are fixed:' : result.message,
      problems,
    };
  }
  const count = result.commands.length;
  return {
    invalid: false,
    message: `Valid: the role shows ${count} ${count === 1 ? 'command' : 'commands'} (VisibleCmdlets in the target script).`,
    problems: [],
  };
}

/**
 * The commands the JEA role shows, instead of editing the New-PSRoleCapabilityFile line by hand:
 * checked as you type; only a valid list reaches the engine (and then the serializer).
 */
export function JeaCommandsField({ value, onChange }: Props) {
  const id = useId();
  const { invalid, message, problems } = verdict(value);
  return (
    <section aria-labelledby={id} className="host-fields jea-commands">
      <h2 id={id}>The JEA role&apos;s commands</h2>
      <ListField
        label="Commands the help desk may run (the role shows only these)"
        hint={JEA_COMMANDS_HINT}
        value={value}
        invalid={invalid}
        message={
          <>
            <p>{message}</p>
            {problems.length > 0 && (
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            )}
          </>
        }
        spoken={[message, ...problems].join(' ')}
        onChange={onChange}
      />
    </section>
  );
}
