import { EventCodec } from '#eventstore';
import { reportEventNames, reportUpcasters } from '../domain/report-issue.js';

/** The issue events of reports, v1 issues upcast to v2. */
export const reportCodec = new EventCodec(reportEventNames, reportUpcasters);
