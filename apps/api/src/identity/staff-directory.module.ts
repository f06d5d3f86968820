import { Global, Module } from '@nestjs/common';
import { IdentityStreams } from '#identity';
import { STAFF_DIRECTORY } from '#platform';
import { IdentityStaffDirectory } from './identity-staff-directory.js';

/**
 * Who may be named account manager or assignee, from the identity context: global, so the account and ticket
 * handlers find it in the API and in a worker running alone (which has no identity routes).
 */
@Global()
@Module({
  providers: [IdentityStreams, { provide: STAFF_DIRECTORY, useClass: IdentityStaffDirectory }],
  exports: [STAFF_DIRECTORY],
})
export class StaffDirectoryModule {}
