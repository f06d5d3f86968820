import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { directoryApiKeys, directoryUsers } from '#identity';
import { ApiProblems, CurrentPrincipal, type Principal } from '#platform';
import { ReadModels } from '../../../worker/src/read-models.js';
import { ReadModelFreshness } from '../../../worker/src/read-model-freshness.js';
import { PeoplePageDto } from './dto/identity.response.dto.js';

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

/**
 * Names for the actor ids in histories and timelines. Staff see everyone; a client sees the staff and the users
 * of its own accounts (never another client's people, nor any e-mail address).
 */
@ApiTags('users')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly readModels: ReadModels, private readonly freshness: ReadModelFreshness) {}

  @ApiResponse({ status: 200, type: PeoplePageDto })
  @Get()
  @ApiOperation({ summary: 'Actor id → name and role, for the people the caller may know about' })
  @ApiProblems()
  async list(@CurrentPrincipal() caller: Principal): Promise<{ items: Person[] }> {
    await this.freshness.caughtUp(['identity-directory']);
    const users = (await directoryUsers(this.readModels.reader)).filter((user) =>
      caller.role !== 'client' || user.role !== 'client' || user.grants.some((g) => caller.accounts.includes(g.accountId)));
    const people: Person[] = users.map(({ userId, name, role }) => ({ id: userId, name, role }));
    if (caller.role !== 'client') people.push(...(await directoryApiKeys(this.readModels.reader)).map((k) => ({ id: `apikey:${k.keyId}`, name: k.name, role: k.role })));
    return { items: people };
  }
}
