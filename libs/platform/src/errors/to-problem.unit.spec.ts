import { expect } from 'chai';
import { ForbiddenException } from '@nestjs/common';
import { DomainError } from '#kernel';
import { WrongExpectedRevisionError } from '#eventstore';
import { toProblem } from './to-problem.js';

describe('toProblem', () => {
  it('maps a broken rule to 422 with its code and details', () => {
    const { problem } = toProblem(new DomainError('ESTIMATE_EXCEEDS_BALANCE', 'Not enough hours', { shortfall: 30 }));
    expect(problem).to.include({ status: 422, code: 'ESTIMATE_EXCEEDS_BALANCE', detail: 'Not enough hours' });
    expect(problem.details).to.deep.equal({ shortfall: 30 });
  });

  it('maps a *_NOT_FOUND code to 404', () => {
    expect(toProblem(new DomainError('TICKET_NOT_FOUND', 'No such ticket')).problem.status).to.equal(404);
  });

  it('maps an exhausted concurrency conflict to 409 CONCURRENT_MODIFICATION', () => {
    expect(toProblem(new WrongExpectedRevisionError('ticket-1', 3, 4)).problem).to.include({ status: 409, code: 'CONCURRENT_MODIFICATION' });
  });

  it('maps a Nest 403 to FORBIDDEN', () => {
    expect(toProblem(new ForbiddenException('no')).problem).to.include({ status: 403, code: 'FORBIDDEN', detail: 'no' });
  });

  it('hides an unexpected error behind a 500 and flags it for the log', () => {
    const { problem, unexpected } = toProblem(new Error('password=hunter2 at /srv/db'));
    expect(unexpected).to.equal(true);
    expect(problem).to.include({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(problem)).not.to.contain('hunter2');
  });
});
