/** A person of the back office as the identity context knows them (looked up by handlers that name someone). */
export interface StaffMember {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  /** Not deactivated (an invited user who has not signed in yet counts: work can be assigned ahead). */
  readonly active: boolean;
}

/** Finds a user by id; undefined when there is none. Implemented by the host from the identity context. */
export interface StaffDirectory {
  find(userId: string): Promise<StaffMember | undefined>;
}

export const STAFF_DIRECTORY = Symbol.for('hourbank.StaffDirectory');
