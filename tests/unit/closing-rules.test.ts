/**
 * What a closed consultation still accepts: nothing that would start speaking again or change what the
 * outcome report froze, while winding down and moderation go on.
 */
import { describe, expect, it } from "vitest";
import { closedRefusal } from "../../shared/consultation/closing.ts";
import { ACTIONS, type Action } from "../../shared/consultation/permissions.ts";

const STILL_ALLOWED: readonly Action[] = [
  "take_floor",
  "dismiss_hand",
  "mute",
  "unmute",
  "mute_all",
  "move",
  "remove",
  "ban",
  "lock",
  "set_observer",
  "promote",
  "demote_facilitator",
  "list_people",
  "report",
  "read_audit",
  "rotate_facilitator_link",
  "own_data",
];

describe("a closed consultation", () => {
  it("refuses switching the speaking mode, hands and floors, and every consultation method", () => {
    for (const action of [
      "set_mode",
      "raise_hand",
      "give_floor",
      "extend_floor",
      "run_agenda",
      "run_polls",
      "vote",
      "post_idea",
      "curate_ideas",
      "run_budget",
      "allocate_budget",
      "run_tables",
      "choose_table",
      "present_slides",
      "close_consultation",
      "chat",
      "hide_chat",
    ] as const) {
      expect(closedRefusal("closed", action), action).toBe("consultation_closed");
    }
  });

  it("still takes back the floor, lowers hands, moderates and reads the log", () => {
    for (const action of STILL_ALLOWED) expect(closedRefusal("closed", action), action).toBeUndefined();
  });

  it("refuses every action it does not list, so a new one is refused until decided otherwise", () => {
    const refused = ACTIONS.filter((action) => closedRefusal("closed", action) !== undefined);
    expect(refused).toEqual(ACTIONS.filter((action) => !STILL_ALLOWED.includes(action)));
  });
});

describe("an open consultation", () => {
  it("refuses nothing for its phase", () => {
    for (const action of ACTIONS) expect(closedRefusal("open", action), action).toBeUndefined();
  });
});
