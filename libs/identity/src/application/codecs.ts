import { EventCodec } from '#eventstore';
import {
  apiKeyEventNames, emailClaimEventNames, firstManagerEventNames, sessionEventNames, signInEventNames, userEventNames,
} from '../domain/index.js';

export const userCodec = new EventCodec(userEventNames);
export const emailClaimCodec = new EventCodec(emailClaimEventNames);
export const signInCodec = new EventCodec(signInEventNames);
export const sessionCodec = new EventCodec(sessionEventNames);
export const apiKeyCodec = new EventCodec(apiKeyEventNames);
export const firstManagerCodec = new EventCodec(firstManagerEventNames);
/** Every event the identity context writes, for readers of the whole log (histories, the directory). */
export const identityCodec = EventCodec.merge(userCodec, emailClaimCodec, signInCodec, sessionCodec, apiKeyCodec, firstManagerCodec);
