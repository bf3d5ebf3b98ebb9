import type { CSSProperties } from "react";
import type { MessageKey } from "../../../shared/i18n/index.ts";
import { AVATAR_COLORS } from "../../../shared/protocol/display-name.ts";
import { useT } from "../app/i18n.tsx";

/** Spoken names for the swatches, so that the choice is not by sight alone. */
const COLOR_NAMES: Record<(typeof AVATAR_COLORS)[number], MessageKey> = {
  "#e6194b": "colour.red",
  "#f58231": "colour.orange",
  "#ffe119": "colour.yellow",
  "#3cb44b": "colour.green",
  "#42d4f4": "colour.cyan",
  "#4363d8": "colour.blue",
  "#911eb4": "colour.purple",
  "#f032e6": "colour.magenta",
  "#9a6324": "colour.brown",
  "#469990": "colour.teal",
};

export interface ColorPickerProps {
  readonly value: string;
  readonly onChange: (color: string) => void;
}

/** The avatar colour as a group of native radio buttons: arrow keys move between swatches. */
export function ColorPicker({ value, onChange }: ColorPickerProps) {
  const t = useT();
  return (
    <fieldset className="color-picker">
      <legend>{t("join.color")}</legend>
      <div className="color-picker__swatches">
        {AVATAR_COLORS.map((color) => (
          <label key={color} className="color-picker__swatch" style={{ "--swatch": color } as CSSProperties}>
            <input
              type="radio"
              name="avatar-color"
              value={color}
              checked={value.toLowerCase() === color}
              onChange={() => onChange(color)}
            />
            <span className="visually-hidden">{t(COLOR_NAMES[color])}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
