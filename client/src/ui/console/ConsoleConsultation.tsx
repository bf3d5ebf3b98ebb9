import { can } from "../../../../shared/consultation/permissions.ts";
import { ConsoleAgenda } from "./ConsoleAgenda.tsx";
import { ConsoleBudget } from "./ConsoleBudget.tsx";
import { ConsoleChat } from "./ConsoleChat.tsx";
import { ConsoleClose } from "./ConsoleClose.tsx";
import { ConsoleFacilitatorLink } from "./ConsoleFacilitatorLink.tsx";
import { ConsoleIdeas } from "./ConsoleIdeas.tsx";
import { ConsolePolls } from "./ConsolePolls.tsx";
import { ConsoleSlides } from "./ConsoleSlides.tsx";
import { ConsoleTables } from "./ConsoleTables.tsx";

/** The consultation methods in the console, each shown only to a role the room lets run it. */
export function ConsoleConsultation({ role }: { readonly role: string }) {
  return (
    <>
      {can(role, "run_agenda") && <ConsoleAgenda />}
      {can(role, "run_polls") && <ConsolePolls />}
      {can(role, "present_slides") && <ConsoleSlides />}
      {can(role, "curate_ideas") && <ConsoleIdeas />}
      {can(role, "hide_chat") && <ConsoleChat />}
      {can(role, "run_budget") && <ConsoleBudget />}
      {can(role, "run_tables") && <ConsoleTables />}
      {can(role, "rotate_facilitator_link") && <ConsoleFacilitatorLink />}
      {can(role, "close_consultation") && <ConsoleClose />}
    </>
  );
}
