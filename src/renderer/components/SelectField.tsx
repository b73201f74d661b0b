export interface Choice<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  label: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  testId: string;
}

/** A labelled drop-down of a screen's toolbar; it gives back only values among its choices. */
export function SelectField<T extends string>({ label, value, choices, onChange, testId }: Props<T>) {
  return (
    <label className="inline-field">
      {label}
      <select
        value={value}
        onChange={(e) => {
          const chosen = choices.find((c) => c.value === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
        data-testid={testId}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
