import type { InputHTMLAttributes } from 'react';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'aria-label'> & {
  /** The visible label. */
  readonly label: string;
  /** The accessible name, when it differs from the visible label. */
  readonly ariaLabel?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
};

/** A labelled text input in the forms' two-column layout. */
export function TextField({ label, ariaLabel, value, onChange, ...input }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input aria-label={ariaLabel ?? label} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </label>
  );
}
