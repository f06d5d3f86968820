import type { OnAccount } from './account-commands.js';
import type { AlertSettings } from './alert-events.js';
import type { ContractTerms } from './contract-events.js';
import type { MaintenanceSchedule } from './maintenance-events.js';

/** A staff user looked up in the identity context by the handler (`active`: not deactivated). */
export interface StaffMember {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly active: boolean;
}

export type AssignAccountManager = OnAccount<'AssignAccountManager', { manager: StaffMember }>;
export type RemoveAccountManager = OnAccount<'RemoveAccountManager', Record<string, never>>;
export type SetSupportChannels = OnAccount<'SetSupportChannels', { whatsappGroup?: string; emergencyWhatsappGroup?: string }>;
export type AmendContract = OnAccount<'AmendContract', Partial<ContractTerms> & { effectiveFrom: string; reason: string }>;
export type ChangeAlertSettings = OnAccount<'ChangeAlertSettings', AlertSettings>;
export type ScheduleMaintenance = OnAccount<'ScheduleMaintenance', MaintenanceSchedule>;
export type EndMaintenanceSchedule = OnAccount<'EndMaintenanceSchedule', { scheduleId: string }>;

export type AccountCommandExtension =
  | AssignAccountManager
  | RemoveAccountManager
  | SetSupportChannels
  | AmendContract
  | ChangeAlertSettings
  | ScheduleMaintenance
  | EndMaintenanceSchedule;
