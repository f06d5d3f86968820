import { Injectable } from '@nestjs/common';
import { IdentityStreams } from '#identity';
import type { StaffDirectory, StaffMember } from '#platform';

/** Users as their streams say now (strongly consistent): who may be named account manager or assignee. */
@Injectable()
export class IdentityStaffDirectory implements StaffDirectory {
  constructor(private readonly streams: IdentityStreams) {}

  async find(userId: string): Promise<StaffMember | undefined> {
    const user = await this.streams.user(userId);
    if (user.status === 'none') return undefined;
    return { userId: user.userId, name: user.name, role: user.role, active: user.status !== 'deactivated' };
  }
}
