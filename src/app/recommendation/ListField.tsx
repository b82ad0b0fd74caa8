import { useId, type ReactNode } from 'react';
import { useSettledAnnouncement } from './useSettledAnnouncement.ts';

interface Props {
  label: string;
  hint: string;
  value: string;
  invalid: boolean;
  /** What the check says, under the field (its description). */
  message: ReactNode;
  /** The same in words, spoken once typing pauses. */
  spoken: string;
  onChange: (value: string) => void;
}

/**
 * A pasted list (admin addresses, JEA commands) checked as you type: a textarea described by its
 * hint and the check's message, which is also announced once typing settles.
 */
export function ListField({ label, hint, value, invalid, message, spoken, onChange }: Props) {
  const id = useId();
  const { announced, markEdited } = useSettledAnnouncement(spoken, value);
  return (
    <div className="host-field host-field-wide">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="muted">
        {hint}
      </p>
      <textarea
        id={id}
        value={value}
        rows={2}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint ${id}-msg`}
        onChange={(e) => {
          markEdited();
          onChange(e.target.value);
        }}
      />
      <div id={`${id}-msg`} className={invalid ? 'field-error' : 'muted'}>
        {message}
      </div>
      <p role="status" className="visually-hidden">
        {announced}
      </p>
    </div>
  );
}
