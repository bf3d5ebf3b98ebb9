import { type FormEvent, useId, useState } from "react";
import { navigate } from "../app/routes.ts";

export interface CodeFormProps {
  readonly label: string;
  readonly hint?: string;
  readonly invalid: string;
  readonly submit: string;
  /** The input is `${testId}-input`, the button `${testId}-submit`. */
  readonly testId: string;
  /** The page the typed code opens, or undefined when it is not well formed. */
  readonly pathOf: (typed: string) => string | undefined;
}

/** A code read aloud or copied from a letter, typed however it comes (spaces, dashes, lower case). */
export function CodeForm({ label, hint, invalid, submit, testId, pathOf }: CodeFormProps) {
  const id = useId();
  const [code, setCode] = useState("");
  const [wrong, setWrong] = useState(false);

  const send = (event: FormEvent) => {
    event.preventDefault();
    const path = pathOf(code);
    if (path === undefined) setWrong(true);
    else navigate(path);
  };

  return (
    <form className="form" onSubmit={send} noValidate>
      <div className="field">
        <label htmlFor={`${id}-code`}>{label}</label>
        <input
          id={`${id}-code`}
          className="code-input"
          data-testid={`${testId}-input`}
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={wrong || undefined}
          aria-describedby={wrong ? `${id}-error` : hint ? `${id}-hint` : undefined}
          onChange={(event) => {
            setCode(event.target.value);
            setWrong(false);
          }}
        />
        {hint && (
          <p id={`${id}-hint`} className="field__hint">
            {hint}
          </p>
        )}
      </div>
      {wrong && (
        <p className="form__error" id={`${id}-error`} role="alert">
          {invalid}
        </p>
      )}
      <button type="submit" className="button" data-testid={`${testId}-submit`}>
        {submit}
      </button>
    </form>
  );
}
