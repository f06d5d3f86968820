import { Body, Controller, Delete, Post, Put, applyDecorators } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AmendContractCommand, AssignAccountManagerCommand, ChangeAlertSettingsCommand, EndMaintenanceScheduleCommand, RemoveAccountManagerCommand,
  ScheduleMaintenanceCommand, SetSupportChannelsCommand, type CommandOutcome,
} from '#hour-bank';
import { CurrentPrincipal, CurrentRequestContext, Roles, commandContextFrom, type Principal, type RequestContext } from '#platform';
import { CommandRoute } from '../api-shared/command-route.js';
import { IdParam } from '../api-shared/id-param.js';
import {
  AlertSettingsRequestDto, AmendContractRequestDto, AssignAccountManagerRequestDto, ScheduleMaintenanceRequestDto, SupportChannelsRequestDto,
} from './dto/contract.request.dto.js';

const AccountId = () => IdParam('id', 'ACCOUNT_NOT_FOUND');
/** A manager's change to the contract. */
const Change = (summary: string, created = false) => applyDecorators(CommandRoute(summary, created), Roles('manager'));

/** The contract of an account beyond its balance: its account manager, channels, amendments, alert settings and maintenance. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts/:id')
export class ContractController {
  constructor(private readonly commands: CommandBus) {}

  @Put('account-manager') @Change("Assign (or reassign) the plan's account manager, a staff user (manager)")
  assignManager(@AccountId() id: string, @Body() body: AssignAccountManagerRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new AssignAccountManagerCommand(id, body, caller, commandContextFrom(request)));
  }

  @Delete('account-manager') @Change('Remove the account manager (manager)')
  removeManager(@AccountId() id: string, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new RemoveAccountManagerCommand(id, {}, caller, commandContextFrom(request)));
  }

  @Put('support-channels') @Change("Set the plan's WhatsApp groups (manager); a group the plan does not include is refused")
  setChannels(@AccountId() id: string, @Body() body: SupportChannelsRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new SetSupportChannelsCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('amendments') @Change('Amend the contract (overage rate, client name, calendar, time zone) from a period that has not started (manager)', true)
  amend(@AccountId() id: string, @Body() body: AmendContractRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new AmendContractCommand(id, body, caller, commandContextFrom(request)));
  }

  @Put('alert-settings') @Change('When alerts fire: the balance under a threshold, lots N days before they expire (manager)')
  alertSettings(@AccountId() id: string, @Body() body: AlertSettingsRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new ChangeAlertSettingsCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('maintenance-schedules') @Change('Schedule recurring maintenance (security updates, backups): a ticket every N months (manager)', true)
  scheduleMaintenance(@AccountId() id: string, @Body() body: ScheduleMaintenanceRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new ScheduleMaintenanceCommand(id, { ...body, description: body.description ?? '' }, caller, commandContextFrom(request)));
  }

  @Delete('maintenance-schedules/:scheduleId') @Change('End a maintenance schedule: no more tickets from it (manager)')
  endMaintenance(@AccountId() id: string, @IdParam('scheduleId', 'MAINTENANCE_SCHEDULE_NOT_FOUND') scheduleId: string, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new EndMaintenanceScheduleCommand(id, { scheduleId }, caller, commandContextFrom(request)));
  }
}
