import type { ReactNode } from "react";

export interface FoldProps {
  readonly open: boolean;
  readonly onToggle: () => void;
}

/** The header button that folds or unfolds one of the overlay's sections, its state read out as expanded. */
export function FoldButton({
  id,
  controls,
  open,
  onToggle,
  className = "participants__toggle",
  testId,
  children,
}: FoldProps & {
  readonly id?: string;
  readonly controls: string;
  readonly className?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}) {
  return (
    <button
      id={id}
      type="button"
      className={className}
      data-testid={testId}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      {children}
    </button>
  );
}
