/**
 * Which facilitator controls a role sees, and which it may use on a given person. Everything is read
 * from the one authorisation table (shared/consultation/permissions.ts), what a closed consultation
 * still accepts (shared/consultation/closing.ts) and the targeting rules the server applies, so the
 * console never offers what the room would refuse.
 */
import { closedRefusal } from "../../../shared/consultation/closing.ts";
import {
  checkRoleChange,
  checkTargetedAction,
  type Person,
} from "../../../shared/consultation/moderation.ts";
import { type Action, can, roleChangeAction } from "../../../shared/consultation/permissions.ts";
import type { AssignableRole } from "../../../shared/consultation/roles.ts";

/** Room-wide controls: what the console shows at all. */
export interface RoomControls {
  readonly floor: boolean;
  readonly mode: boolean;
  readonly muteAll: boolean;
  readonly lock: boolean;
  /** Choosing who may take part, and the invitations. */
  readonly access: boolean;
  readonly audit: boolean;
  /** The list of everyone who came and who holds facilitator rights. */
  readonly people: boolean;
  /** Any of the above: whether the console (or its side panel) is for this role. */
  readonly any: boolean;
}

/** The room-wide controls `role` may use while the consultation is in `phase`. */
export function roomControls(role: string, phase: string): RoomControls {
  const may = (action: Action) => can(role, action) && closedRefusal(phase, action) === undefined;
  const controls = {
    floor: may("give_floor") && may("take_floor"),
    mode: may("set_mode"),
    muteAll: may("mute_all"),
    lock: may("lock"),
    access: may("set_access"),
    audit: may("read_audit"),
    people: may("list_people"),
  };
  return { ...controls, any: Object.values(controls).some(Boolean) };
}

export interface TargetPerson extends Person {
  readonly handRaised: boolean;
  readonly mutedByFacilitator: boolean;
  readonly hasFloor: boolean;
}

export interface RoleChange {
  readonly to: AssignableRole;
  /** Catalog key of the button's label. */
  readonly label: "console.promote" | "console.demote" | "console.makeObserver" | "console.makeCitizen";
}

/** Per-person controls: each true only when the server would accept it from `actor` now. */
export interface PersonControls {
  readonly giveFloor: boolean;
  readonly dismissHand: boolean;
  readonly mute: boolean;
  readonly unmute: boolean;
  readonly move: boolean;
  readonly remove: boolean;
  readonly ban: boolean;
  readonly roleChanges: readonly RoleChange[];
}

const ROLE_CHANGES: Readonly<Record<string, readonly RoleChange[]>> = {
  citizen: [
    { to: "co_facilitator", label: "console.promote" },
    { to: "observer", label: "console.makeObserver" },
  ],
  co_facilitator: [{ to: "citizen", label: "console.demote" }],
  observer: [{ to: "citizen", label: "console.makeCitizen" }],
};

/** What `actor` may do to `target` while the consultation is in `phase`. */
export function personControls(actor: Person, target: TargetPerson, phase: string): PersonControls {
  const inPhase = (action: Action) => closedRefusal(phase, action) === undefined;
  const may = (action: Action) => inPhase(action) && checkTargetedAction(actor, action, target).ok;
  return {
    giveFloor:
      can(actor.role, "give_floor") &&
      inPhase("give_floor") &&
      target.role !== "observer" &&
      !target.hasFloor,
    dismissHand: target.handRaised && may("dismiss_hand"),
    mute: !target.mutedByFacilitator && may("mute"),
    unmute: target.mutedByFacilitator && may("unmute"),
    move: may("move"),
    remove: may("remove"),
    ban: may("ban"),
    roleChanges: (ROLE_CHANGES[target.role] ?? []).filter(
      (change) =>
        inPhase(roleChangeAction(target.role, change.to)) && checkRoleChange(actor, target, change.to).ok,
    ),
  };
}
