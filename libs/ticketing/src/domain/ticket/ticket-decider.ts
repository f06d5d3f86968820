import type { Decider } from '#kernel';
import type { TicketCommand } from './commands.js';
import { decide } from './decide.js';
import type { TicketEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialTicketState, type TicketState } from './state.js';

export const ticketDecider: Decider<TicketCommand, TicketEvent, TicketState> = {
  initialState: initialTicketState,
  decide,
  evolve,
};

export const ticketStream = (ticketId: string): string => `ticket-${ticketId}`;
