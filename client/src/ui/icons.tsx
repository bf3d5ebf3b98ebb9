/**
 * Small line icons for the hall overlay, drawn in the text colour. They are inline SVG rather than
 * emoji because many desktops have no emoji font and show an empty box instead. Every icon is
 * decorative: the button or mark around it carries the words, from the catalogs.
 */
import type { ReactNode } from "react";

function Icon({ children }: { readonly children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="1.25em"
      height="1.25em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

const MIC_BODY = "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z";
const MIC_STAND = "M5 11a7 7 0 0 0 14 0M12 18v3M8 21h8";

export function MicIcon() {
  return (
    <Icon>
      <path d={MIC_BODY} />
      <path d={MIC_STAND} />
    </Icon>
  );
}

export function MicOffIcon() {
  return (
    <Icon>
      <path d={MIC_BODY} />
      <path d={MIC_STAND} />
      <path d="M3 3l18 18" />
    </Icon>
  );
}

export function HandIcon() {
  return (
    <Icon>
      <path d="M8 13V5.5a1.5 1.5 0 0 1 3 0V11M11 4.5a1.5 1.5 0 0 1 3 0V11M14 5.5a1.5 1.5 0 0 1 3 0V12" />
      <path d="M17 8.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-1a6 6 0 0 1-4.8-2.4L4.4 15a1.6 1.6 0 0 1 2.5-2L8 14.5" />
    </Icon>
  );
}

export function LeaveIcon() {
  return (
    <Icon>
      <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4" />
      <path d="M10 8l-4 4 4 4M6 12h10" />
    </Icon>
  );
}

export function StandIcon() {
  return (
    <Icon>
      <path d="M12 16V4M7 9l5-5 5 5M5 20h14" />
    </Icon>
  );
}

export function HeadsetIcon() {
  return (
    <Icon>
      <path d="M3 9a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2h-4l-3-3-3 3H5a2 2 0 0 1-2-2z" />
    </Icon>
  );
}

export function HeadphonesIcon() {
  return (
    <Icon>
      <path d="M4 15v-3a8 8 0 0 1 16 0v3" />
      <path d="M4 15h3v5H4zM17 15h3v5h-3z" />
    </Icon>
  );
}
