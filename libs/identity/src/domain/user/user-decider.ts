import type { Decider } from '#kernel';
import type { UserCommand } from './user-commands.js';
import { decideUser } from './user-decide.js';
import type { UserEvent } from './user-events.js';
import { evolveUserState, initialUserState, type UserState } from './user-state.js';

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: initialUserState,
  decide: decideUser,
  evolve: evolveUserState,
};

export const userStream = (userId: string): string => `user-${userId}`;
