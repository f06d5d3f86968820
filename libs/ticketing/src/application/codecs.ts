import { EventCodec } from '#eventstore';
import { ticketEventNames } from '../domain/ticket/events.js';

export const ticketCodec = new EventCodec(ticketEventNames);
