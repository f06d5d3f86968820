import type { Temporal } from 'temporal-polyfill';
import { assertNever, type Decider, type DomainEvent } from '#kernel';
import { fail, isBefore, requireEmail, requireName } from '../errors.js';
import type { NewLink } from '../user/user-commands.js';

/**
 * The way into an installation nobody can sign in to yet: on start, while no first manager was created, the
 * server issues a one-time link (each new one replaces the last) and prints it. Redeeming it creates the first
 * manager, once; the redemption carries what the user stream needs, so a crash between the two writes is mended.
 */
export type FirstManagerLinkIssued = DomainEvent<'FirstManagerLinkIssued', { linkId: string; tokenHash: string; expiresAt: string; issuedAt: string }>;
export type FirstManagerLinkRedeemed = DomainEvent<'FirstManagerLinkRedeemed', {
  linkId: string; userId: string; email: string; name: string; passwordHash: string; redeemedAt: string;
}>;
export type FirstManagerEvent = FirstManagerLinkIssued | FirstManagerLinkRedeemed;

export const firstManagerEventNames: Readonly<Record<FirstManagerEvent['type'], string>> = {
  FirstManagerLinkIssued: 'hourbank.first-manager.link-issued.v1',
  FirstManagerLinkRedeemed: 'hourbank.first-manager.link-redeemed.v1',
};

export interface FirstManagerState {
  readonly link?: { readonly id: string; readonly tokenHash: string; readonly expiresAt: string };
  readonly redeemed?: FirstManagerLinkRedeemed['data'];
}

export type FirstManagerCommand =
  | { readonly type: 'IssueFirstManagerLink'; readonly now: Temporal.Instant; readonly data: { link: NewLink } }
  | { readonly type: 'RedeemFirstManagerLink'; readonly now: Temporal.Instant;
      readonly data: { tokenHash: string; userId: string; email: string; name: string; passwordHash: string } };

const decide = (command: FirstManagerCommand, state: FirstManagerState): FirstManagerEvent[] => {
  if (state.redeemed) {
    if (command.type === 'IssueFirstManagerLink') return [];
    fail('FIRST_MANAGER_ALREADY_CREATED', 'This installation already has its first manager; sign in instead.');
  }
  switch (command.type) {
    case 'IssueFirstManagerLink': {
      const { id, tokenHash, expiresAt } = command.data.link;
      return [{ type: 'FirstManagerLinkIssued', data: { linkId: id, tokenHash, expiresAt: expiresAt.toString(), issuedAt: command.now.toString() } }];
    }
    case 'RedeemFirstManagerLink': {
      const { link } = state;
      const { tokenHash, userId, email, name, passwordHash } = command.data;
      if (!link || link.tokenHash !== tokenHash || !isBefore(command.now, link.expiresAt)) {
        fail('FIRST_MANAGER_LINK_NOT_VALID', 'This link is not valid any more; restart the server for a new one.');
      }
      return [{
        type: 'FirstManagerLinkRedeemed',
        data: { linkId: link!.id, userId, email: requireEmail(email), name: requireName(name), passwordHash, redeemedAt: command.now.toString() },
      }];
    }
    default: return assertNever(command);
  }
};

const evolve = (state: FirstManagerState, event: FirstManagerEvent): FirstManagerState =>
  event.type === 'FirstManagerLinkIssued'
    ? { link: { id: event.data.linkId, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } }
    : { ...state, redeemed: event.data };

export const firstManagerDecider: Decider<FirstManagerCommand, FirstManagerEvent, FirstManagerState> = { initialState: () => ({}), decide, evolve };
export const FIRST_MANAGER_STREAM = 'firstmanager-installation';
