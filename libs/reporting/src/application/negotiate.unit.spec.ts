import { expect } from 'chai';
import { negotiateFormat } from './negotiate.js';

describe('choosing a report format', () => {
  it('gives JSON without an Accept header or for */*', () => {
    expect([negotiateFormat(undefined, undefined), negotiateFormat('*/*', undefined)]).to.deep.equal(['json', 'json']);
  });
  it('takes the exact type asked for', () => {
    expect(['text/csv', 'text/html', 'application/pdf', 'application/json'].map((a) => negotiateFormat(a, undefined)))
      .to.deep.equal(['csv', 'html', 'pdf', 'json']);
  });
  it('follows q values and prefers an exact type to a wildcard', () => {
    expect(negotiateFormat('application/json;q=0.5, application/pdf', undefined)).to.equal('pdf');
    expect(negotiateFormat('*/*;q=0.8, text/html', undefined)).to.equal('html');
    expect(negotiateFormat('text/*', undefined)).to.equal('csv');
  });
  it('lets ?format= override the header', () => expect(negotiateFormat('application/json', 'pdf')).to.equal('pdf'));
  it('finds nothing for types it does not produce, or q=0', () => {
    expect([negotiateFormat('image/png', undefined), negotiateFormat('application/pdf;q=0', undefined), negotiateFormat(undefined, 'xml')])
      .to.deep.equal([undefined, undefined, undefined]);
  });
});
