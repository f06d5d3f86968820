import { DeciderSpecification } from '#testing';
import type { AccountCommand } from './account-commands.js';
import { accountDecider } from './account-decider.js';
import type { AccountEvent } from './account-events.js';
import { acmeOpenedAt, acmeTerms, at, basic, calendar, opened } from './account-fixtures.js';
import type { StaffMember } from './contract-commands.js';

const spec = DeciderSpecification.for(accountDecider);
// Before the first period starts: no credit is due yet, so the decisions stand alone.
const now = '2025-12-20T12:00:00Z';
const ana: StaffMember = { userId: 'ana', name: 'Ana Atendente', role: 'agent', active: true };
const onBasic: AccountEvent = { type: 'AccountOpened', data: { ...acmeTerms, kind: 'plan', plan: { ...basic, extras: ['whatsapp-group', 'account-manager'] }, openedAt: acmeOpenedAt } };
const assign = (manager: StaffMember): AccountCommand => ({ type: 'AssignAccountManager', data: { manager }, now: at(now), calendar });
const channels = (data: { whatsappGroup?: string; emergencyWhatsappGroup?: string }): AccountCommand => ({ type: 'SetSupportChannels', data, now: at(now), calendar });
const assigned = (userId: string, name: string, previousUserId?: string): AccountEvent =>
  ({ type: 'AccountManagerAssigned', data: { userId, name, ...(previousUserId && { previousUserId }), assignedAt: now } });

describe("account: the plan's extras (account manager, WhatsApp groups)", () => {
  it('assigns an account manager on a plan that includes one', () => spec([onBasic]).when(assign(ana)).then([assigned('ana', 'Ana Atendente')]));

  it('reassigns, naming who had it', () =>
    spec([onBasic, assigned('ana', 'Ana Atendente')]).when(assign({ ...ana, userId: 'bia', name: 'Bia' })).then([assigned('bia', 'Bia', 'ana')]));

  it('does nothing when the same person is assigned again', () => spec([onBasic, assigned('ana', 'Ana Atendente')]).when(assign(ana)).thenNothingHappens());

  it('refuses an account manager on START, which has none', () => spec([opened]).when(assign(ana)).thenThrows('PLAN_HAS_NO_ACCOUNT_MANAGER'));

  it('refuses a client or a deactivated user', () => {
    spec([onBasic]).when(assign({ ...ana, role: 'client' })).thenThrows('ACCOUNT_MANAGER_MUST_BE_ACTIVE_STAFF');
    spec([onBasic]).when(assign({ ...ana, active: false })).thenThrows('ACCOUNT_MANAGER_MUST_BE_ACTIVE_STAFF');
  });

  it('removes the account manager', () =>
    spec([onBasic, assigned('ana', 'Ana Atendente')]).when({ type: 'RemoveAccountManager', data: {}, now: at(now), calendar })
      .then([{ type: 'AccountManagerRemoved', data: { userId: 'ana', removedAt: now } }]));

  it('records the WhatsApp group BASIC offers', () =>
    spec([onBasic]).when(channels({ whatsappGroup: ' https://chat.whatsapp.com/abc ' }))
      .then([{ type: 'SupportChannelsSet', data: { whatsappGroup: 'https://chat.whatsapp.com/abc', setAt: now } }]));

  it('refuses the emergency group on BASIC and any group on START', () => {
    spec([onBasic]).when(channels({ emergencyWhatsappGroup: '+55 51 99999-0000' })).thenThrows('PLAN_HAS_NO_EMERGENCY_WHATSAPP_GROUP');
    spec([opened]).when(channels({ whatsappGroup: 'x' })).thenThrows('PLAN_HAS_NO_WHATSAPP_GROUP');
  });

  it('takes the extras of plans recorded before they were kept from the first catalog (BASIC: group and manager)', () =>
    spec([{ type: 'AccountOpened', data: { ...acmeTerms, kind: 'plan', plan: basic, openedAt: acmeOpenedAt } }]).when(assign(ana)).then([assigned('ana', 'Ana Atendente')]));
});
