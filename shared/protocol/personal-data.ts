/**
 * "Download my data": what a consultation holds about the person who asks, as the JSON file they get
 * (`my_data` in the room). Everything here is theirs; nothing names anyone else. Ballots of anonymous
 * polls are not in it: nothing links them to their voter, by design (docs/privacy.md).
 */

export const PERSONAL_DATA_FORMAT = "plenum-personal-data/1";

export interface PersonalDataExport {
  readonly format: typeof PERSONAL_DATA_FORMAT;
  /** When the file was made, ISO 8601. */
  readonly exportedAt: string;
  readonly consultation: {
    readonly id: string;
    readonly title: string;
    readonly language: string;
    readonly createdAt: string;
  };
  readonly you: {
    readonly participantId: string;
    readonly displayName: string;
    readonly color: string;
    readonly role: string;
    /** As an interpreter, the pair of languages you were assigned; empty otherwise. */
    readonly interpreterLanguages: readonly string[];
    /** When you passed the door. */
    readonly joinedAt: string;
    /** When you first entered the hall, if you did. */
    readonly firstEnteredAt: string | null;
    /** Whether the browser's device key is stored (only its SHA-256 hash is, for bans). */
    readonly deviceKeyHashStored: boolean;
    /** How you came in: `join_code`, `facilitator_link`, `invitation` or `identity` (signed in). */
    readonly door: string;
    /** The label your personal invitation was made with (a pseudonym, a panel seat), if it had one. */
    readonly invitationLabel: string | null;
    /**
     * Whether a sign-in identity is stored for you: only a keyed hash of your provider's subject, never
     * your name or national number.
     */
    readonly verifiedIdentityStored: boolean;
    /** The kind of device you entered with last (computer, phone, headset), and your role then. */
    readonly attendance: { readonly device: string; readonly role: string } | null;
  };
  readonly ideas: readonly {
    readonly id: string;
    readonly text: string;
    readonly createdAt: string;
    readonly pinned: boolean;
    readonly hidden: boolean;
    /** A facilitator's reason for hiding it. */
    readonly hiddenReason: string | null;
  }[];
  /** Ideas you upvoted (anyone's; their authors are not named). */
  readonly upvotedIdeas: readonly { readonly id: string; readonly text: string }[];
  readonly chatMessages: readonly {
    readonly id: string;
    readonly text: string;
    readonly createdAt: string;
    readonly hidden: boolean;
    readonly hiddenReason: string | null;
  }[];
  /** Your ballots in polls that were not anonymous (where the facilitator chose to record voters). */
  readonly namedBallots: readonly {
    readonly pollId: string;
    readonly question: string;
    readonly options: readonly string[];
    readonly choices: readonly number[];
  }[];
  /** Your share of the participatory budget, by proposal id. */
  readonly budgetAllocation: Readonly<Record<string, number>> | null;
  /** Time you spoke with the floor, by the role you had then. */
  readonly speakingTime: readonly { readonly role: string; readonly ms: number }[];
  /**
   * Moderation that involved you, from the audit log: what you did (`you: "acted"`) and what was done
   * to you (`you: "target"`). Who else was involved is left out; so is the text of reports others
   * made about you, which only facilitators read.
   */
  readonly moderation: readonly {
    readonly at: string;
    readonly action: string;
    readonly you: "acted" | "target";
    readonly reason: string | null;
  }[];
  readonly notes: readonly string[];
}
