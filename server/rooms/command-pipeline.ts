/**
 * One order per room. Every change to a room (a client's message or request, a join, leave, drop or
 * reconnect, a timer, a call from an HTTP route) is a command, and commands run one at a time, each to
 * its end: validate, check permission and the closing rule, decide with the rules in shared/, store
 * every durable effect in one transaction, apply to the state, then answer. A command never sees the
 * state half-way through another. Poses alone take a fast path: they change nothing but poses.
 *
 * The order is async-mutex's Mutex, whose waiters run in the order they asked.
 *
 * The pipeline is also where a command is measured (server/metrics/hall-metrics.ts): each one is timed
 * under its name from when it is asked until it is done, runs in a log context with its own command
 * id, and each refusal it answers is counted by its code.
 */
import { Mutex } from "async-mutex";
import type { z } from "zod";
import type { Action } from "../../shared/consultation/permissions.ts";
import {
  type ConsultationMessage,
  ConsultationMessages,
  type ConsultationMessageType,
  type MethodAnswer,
} from "../../shared/protocol/consultation-messages.ts";
import type { ErrorBody } from "../../shared/protocol/error-codes.ts";
import {
  type ClientMessage,
  ClientMessages,
  type ClientMessageType,
  SERVER_ERROR_MESSAGE,
} from "../../shared/protocol/room-messages.ts";
import type { Participant, TownHallState } from "../../shared/state/town-hall-state.ts";
import { type CommandName, hallMetrics } from "../metrics/hall-metrics.ts";
import { actorOf, type HallClient } from "./hall-client.ts";
import { errorBody, refused } from "./refusal.ts";

/** What a consultation-method request answers besides `ok: true`. */
export type RequestAnswer = Omit<Extract<MethodAnswer, { ok: true }>, "ok"> | undefined;

export type MessageHandler = (client: HallClient, raw: unknown) => Promise<void> | void;
export type RequestHandler = (client: HallClient, raw: unknown) => Promise<MethodAnswer>;

export class CommandPipeline {
  readonly #order = new Mutex();
  readonly #state: TownHallState;
  readonly #now: () => number;

  constructor(state: TownHallState, now: () => number) {
    this.#state = state;
    this.#now = now;
  }

  /** Runs `command`, timed and logged as `name`, once every command asked for before it has finished. */
  run<T>(name: CommandName, command: () => Promise<T> | T): Promise<T> {
    return hallMetrics.command(name, () => this.#inOrder(command));
  }

  #inOrder<T>(command: () => Promise<T> | T): Promise<T> {
    return this.#order.runExclusive(async () => command());
  }

  /** A room message (`send`): validated, then run in order; a refusal is answered with an `error`. */
  message<K extends ClientMessageType>(
    type: K,
    command: (client: HallClient, message: ClientMessage<K>) => Promise<void> | void,
  ): MessageHandler {
    const schema = ClientMessages[type] as unknown as z.ZodType<ClientMessage<K>>;
    // Validated in order too, so that the sender's answers come in the order of its messages.
    return (client, raw) =>
      this.run(type, async () => {
        const parsed = schema.safeParse(raw);
        if (!parsed.success) return this.refuse(client, invalid(type));
        try {
          await command(client, parsed.data);
        } catch (error) {
          this.refuse(client, errorBody(error, type));
        }
      });
  }

  /** A message that changes nothing but its sender's pose: validated and applied at once. */
  fast<K extends ClientMessageType>(
    type: K,
    command: (client: HallClient, message: ClientMessage<K>) => void,
  ): MessageHandler {
    const schema = ClientMessages[type] as unknown as z.ZodType<ClientMessage<K>>;
    return (client, raw) =>
      hallMetrics.command(type, () => {
        const parsed = schema.safeParse(raw);
        if (!parsed.success) return this.refuse(client, invalid(type));
        try {
          command(client, parsed.data);
        } catch (error) {
          this.refuse(client, errorBody(error, type));
        }
      });
  }

  /**
   * A consultation-method request: validated, then run in order by a sender whose role allows `action`;
   * answered `{ ok: true }` once its effects are stored and applied, or with the refusal.
   */
  request<K extends ConsultationMessageType>(
    type: K,
    action: Action,
    command: (actor: Participant, message: ConsultationMessage<K>) => Promise<RequestAnswer> | RequestAnswer,
  ): RequestHandler {
    const schema = ConsultationMessages[type] as unknown as z.ZodType<ConsultationMessage<K>>;
    return (client, raw) =>
      hallMetrics.command(type, () =>
        this.answer(client, type, async () => {
          const parsed = schema.safeParse(raw ?? {});
          if (!parsed.success) refused("invalid_message");
          return this.#inOrder(async () => ({
            ok: true,
            ...(await command(actorOf(this.#state, client, action), parsed.data)),
          }));
        }),
      );
  }

  /** Runs `work` for a request, turning a refusal into `{ ok: false }` and an `error` message. */
  async answer<T extends { ok: true }>(
    client: HallClient,
    type: string,
    work: () => Promise<T>,
  ): Promise<T | { ok: false; error: ErrorBody }> {
    try {
      return await work();
    } catch (error) {
      const body = errorBody(error, type);
      this.refuse(client, body);
      return { ok: false, error: body };
    }
  }

  /**
   * Counts the refusal by its code and replies with an error, at most a few per second, so that a
   * misbehaving client cannot make the server shout.
   */
  refuse(client: HallClient, body: ErrorBody): void {
    hallMetrics.refused(body.code);
    if (!client.userData?.errors.take(this.#now())) return;
    client.send(SERVER_ERROR_MESSAGE, body);
  }
}

function invalid(type: string): ErrorBody {
  return { code: "invalid_message", message: `The "${type}" message is not valid.` };
}
