import { describe, expect, it } from "vitest";
import { attendanceIsOpen, doorRefusal } from "../../shared/consultation/access.ts";
import { ACCESS_MODES } from "../../shared/protocol/access-modes.ts";
import { DOORS } from "../../shared/protocol/room-messages.ts";

describe("access modes", () => {
  it("open each door exactly as the table says", () => {
    const table = Object.fromEntries(
      ACCESS_MODES.map((mode) => [
        mode,
        Object.fromEntries(DOORS.map((door) => [door, doorRefusal(mode, door) ?? "opens"])),
      ]),
    );
    expect(table).toEqual({
      open: { join_code: "opens", facilitator_link: "opens", invitation: "opens", identity: "opens" },
      invitation: {
        join_code: "invitation_required",
        facilitator_link: "opens",
        invitation: "opens",
        identity: "opens",
      },
      verified: {
        join_code: "sign_in_required",
        facilitator_link: "opens",
        invitation: "sign_in_required",
        identity: "opens",
      },
    });
  });

  it("mark attendance as open only where anyone with the join code can come back as someone new", () => {
    expect(ACCESS_MODES.filter(attendanceIsOpen)).toEqual(["open"]);
  });
});
