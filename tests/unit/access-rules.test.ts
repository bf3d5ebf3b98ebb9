import { describe, expect, it } from "vitest";
import { attendanceIsOpen, doorRefusal } from "../../shared/consultation/access.ts";
import {
  cleanLabels,
  invitationState,
  invitationsFit,
  MAX_INVITATIONS,
} from "../../shared/consultation/invitations.ts";
import { ACCESS_MODES } from "../../shared/protocol/access-modes.ts";
import {
  groupInvitationCode,
  invitationPath,
  isWellFormedInvitationCode,
  normalizeJoinCode,
} from "../../shared/protocol/join-code.ts";
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

describe("invitations", () => {
  it("are closed by a revocation and by a holder removed, banned, revoked or erased", () => {
    expect(invitationState({ revoked: false, holderStatus: undefined })).toBe("unused");
    expect(invitationState({ revoked: false, holderStatus: "active" })).toBe("entered");
    expect(invitationState({ revoked: true, holderStatus: undefined })).toBe("revoked");
    for (const status of ["removed", "banned", "revoked", "erased"])
      expect(invitationState({ revoked: false, holderStatus: status }), status).toBe("revoked");
  });

  it("fit within 5,000 per consultation and take labels of 1 to 80 visible characters", () => {
    expect(invitationsFit(0, MAX_INVITATIONS)).toBe(true);
    expect(invitationsFit(4999, 2)).toBe(false);
    expect(invitationsFit(0, 0)).toBe(false);
    expect(cleanLabels(["  Seat   1 ", "Zetel 2"])).toEqual(["Seat 1", "Zetel 2"]);
    expect(cleanLabels(["Seat 1", ""])).toBeUndefined();
    expect(cleanLabels(["x".repeat(81)])).toBeUndefined();
    expect(cleanLabels(["\u202Eevil"])).toBeUndefined();
    expect(cleanLabels(["Seat\t1"])).toBeUndefined();
  });

  it("have codes of 16 characters from the join-code alphabet, read in four groups of four", () => {
    expect(groupInvitationCode("KX7M3PACHT4W9RNE")).toBe("KX7M-3PAC-HT4W-9RNE");
    expect(isWellFormedInvitationCode(normalizeJoinCode("kx7m 3pac-ht4w 9rne"))).toBe(true);
    expect(isWellFormedInvitationCode("KX7M3PACHT4W9RN")).toBe(false);
    expect(isWellFormedInvitationCode("KX7M3PACHT4W9RN0")).toBe(false);
    expect(invitationPath("KX7M-3PAC-HT4W-9RNE")).toBe("/i/KX7M-3PAC-HT4W-9RNE");
  });
});
