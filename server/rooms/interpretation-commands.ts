/**
 * Interpretation: facilitators make someone an interpreter for a pair of languages; the interpreter
 * chooses the language they speak into and goes live or off the air in it. One interpreter is live per
 * channel: going live takes over from whoever was (shared/voice/interpreter-channels.ts). Who hears
 * which channel is each listener's own choice and never reaches the room.
 */
import { isInterpreter, mayBecomeInterpreter } from "../../shared/consultation/roles.ts";
import {
  checkGoLive,
  checkInterpretInto,
  checkLanguagePair,
  displacedBy,
  type Interpreter,
} from "../../shared/voice/interpreter-channels.ts";
import { actorOf, avatarOf, type HallClient, targetOf } from "./hall-client.ts";
import { auditEntry, type HallContext } from "./hall-context.ts";
import { refused } from "./refusal.ts";

export class InterpretationCommands {
  readonly #hall: HallContext;

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get messages() {
    const hall = this.#hall;
    const { pipeline, speech, state, store } = hall;
    return {
      assign_interpreter: pipeline.message("assign_interpreter", async (client, message) => {
        const actor = actorOf(state, client);
        const target = targetOf(state, actor, "assign_interpreter", message.participantId);
        if (!mayBecomeInterpreter(target.role)) refused("protected_participant");
        const pair = checkLanguagePair(message.languages);
        if (!pair.ok) refused(pair.code);
        const before = speech.interpreters.get(target.id);
        if (isInterpreter(target.role) && before?.languages.join(" ") === message.languages.join(" "))
          refused("already_in_role");
        await store.transaction(async (tx) => {
          await tx.setParticipantRole(target.id, "interpreter", message.languages);
          await tx.appendAudit(
            auditEntry(hall, actor.id, "set_role", target.id, undefined, {
              from: target.role,
              to: "interpreter",
              languages: message.languages.join(" "),
            }),
          );
        });
        // A new pair keeps the channel only if it still holds its language.
        const keeps =
          before !== undefined && (message.languages as readonly string[]).includes(before.interpreting);
        speech.release(target.id);
        target.role = "interpreter";
        speech.interpreters.set(target.id, {
          id: target.id,
          languages: [...message.languages],
          interpreting: keeps ? before.interpreting : "",
          live: false,
        });
        speech.sync();
      }),
      interpret_into: pipeline.message("interpret_into", (client, message) => {
        const interpreter = this.#interpreter(client);
        const check = checkInterpretInto(interpreter, message.language);
        if (!check.ok) refused(check.code);
        if (interpreter.interpreting === message.language) return;
        if (interpreter.live) this.#takeOver(interpreter.id, message.language);
        speech.interpreters.set(interpreter.id, { ...interpreter, interpreting: message.language });
        speech.sync();
      }),
      interpreter_live: pipeline.message("interpreter_live", (client, message) => {
        const interpreter = this.#interpreter(client);
        if (interpreter.live === message.live) return;
        if (message.live) {
          const check = checkGoLive(interpreter);
          if (!check.ok) refused(check.code);
          this.#takeOver(interpreter.id, interpreter.interpreting);
        }
        speech.interpreters.set(interpreter.id, { ...interpreter, live: message.live });
        speech.sync();
      }),
    };
  }

  /** The sender as an interpreter, from their hall connection (a console does not speak). */
  #interpreter(client: HallClient): Interpreter {
    const { state, speech } = this.#hall;
    const actor = actorOf(state, client, "interpret");
    if (!avatarOf(state, client)) refused("not_allowed");
    return (
      speech.interpreters.get(actor.id) ?? { id: actor.id, languages: [], interpreting: "", live: false }
    );
  }

  /** Whoever is live in `language` goes off the air: `interpreterId` takes the channel over. */
  #takeOver(interpreterId: string, language: string): void {
    const speech = this.#hall.speech;
    for (const id of displacedBy(speech.interpretersPresent(), interpreterId, language)) {
      const other = speech.interpreters.get(id);
      if (other) speech.interpreters.set(id, { ...other, live: false });
    }
  }
}
