/** How a listener's choice is named on screen: the original, or the language by its own name. */

import type { MessageKey } from "../../../shared/i18n/index.ts";
import { type ListenerChoice, ORIGINAL } from "../../../shared/voice/interpretation-routing.ts";

export function listeningLabel(choice: ListenerChoice): MessageKey {
  return choice === ORIGINAL ? "listening.original" : `language.${choice}`;
}
