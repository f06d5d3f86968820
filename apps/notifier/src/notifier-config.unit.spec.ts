import { expect } from 'chai';
import { loadNotifierConfig } from './notifier-config.js';

const base = { HOURBANK_NOTIFIER_TOKEN: 'token' };
const problems = (env: Record<string, string>): string => {
  try {
    loadNotifierConfig(env, '/srv');
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('the notifier configuration', () => {
  it('starts at the head of the feed by default, so a first start mails no history', () => {
    expect(loadNotifierConfig(base, '/srv').start).to.equal('head');
  });

  it('starts at the beginning with HOURBANK_NOTIFIER_START=start, or after a given position', () => {
    expect(loadNotifierConfig({ ...base, HOURBANK_NOTIFIER_START: 'start' }, '/srv').start).to.equal('start');
    expect(loadNotifierConfig({ ...base, HOURBANK_NOTIFIER_START: '1200' }, '/srv').start).to.equal(1200);
  });

  it('reads the auto-close business days the API uses, to name them in the delivery mail', () => {
    expect(loadNotifierConfig(base, '/srv').autoCloseBusinessDays).to.equal(5);
    expect(loadNotifierConfig({ ...base, HOURBANK_AUTO_CLOSE_BUSINESS_DAYS: '3' }, '/srv').autoCloseBusinessDays).to.equal(3);
  });

  it('lists every problem at once', () => {
    const message = problems({ HOURBANK_NOTIFIER_START: 'soon', HOURBANK_NOTIFIER_POLL_MS: 'x', HOURBANK_SMTP_URL: 'http://mail' });
    expect(message).to.match(/^Invalid notifier configuration \(4 problems\):/);
    expect(message).to.contain('HOURBANK_NOTIFIER_START must be head, start or a position (a whole number), got "soon"');
    expect(message).to.contain('HOURBANK_NOTIFIER_TOKEN is required');
    expect(message).to.contain('HOURBANK_NOTIFIER_POLL_MS must be an integer from 10 to 600000, got "x"');
    expect(message).to.contain('HOURBANK_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465');
  });
});
