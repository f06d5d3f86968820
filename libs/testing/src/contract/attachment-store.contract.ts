import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { AttachmentIntegrityError, type AttachmentStore, attachmentIdOf } from '#ticketing';

export interface AttachmentStoreUnderTest {
  readonly store: AttachmentStore;
  /** Another store on the same storage (a second API replica): what one writes the other reads. */
  replica(): Promise<AttachmentStore>;
  /** How many contents the storage holds (files, rows, objects), to see a file stored once. */
  stored(): Promise<number>;
  /** Changes the stored bytes of one content behind the store's back (a damaged disk, a bucket edited by hand). */
  damage(attachmentId: string): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * What every attachment store must do (the data dir, PostgreSQL, an S3-compatible bucket): content addressed by
 * SHA-256, the same content stored once even when replicas store it at the same moment, large files whole, unknown
 * and malformed ids absent, and damaged bytes never served.
 */
export function attachmentStoreContract(name: string, open: () => Promise<AttachmentStoreUnderTest>): void {
  describe(`AttachmentStore contract: ${name}`, function () {
    this.timeout(60_000);
    let underTest: AttachmentStoreUnderTest;
    const store = () => underTest.store;
    beforeEach(async () => (underTest = await open()));
    afterEach(() => underTest.cleanup());

    it('answers the SHA-256 of the content and gives the same bytes back', async () => {
      const content = Buffer.from('Resultado esperado: entrar sem erro.\n');
      const put = await store().put(content);
      expect(put).to.deep.equal({ attachmentId: attachmentIdOf(content), size: content.length });
      const got = await store().get(put.attachmentId);
      expect(got?.size).to.equal(content.length);
      expect(got?.content.equals(content)).to.equal(true);
    });

    it('stores the same content once, whoever sends it again', async () => {
      const content = randomBytes(3000);
      const first = await store().put(content);
      const second = await store().put(Buffer.from(content));
      const replica = await underTest.replica();
      expect(await replica.put(Buffer.from(content))).to.deep.equal(first);
      expect(second).to.deep.equal(first);
      await store().put(randomBytes(10));
      expect(await underTest.stored()).to.equal(2);
    });

    it('serves on a replica what another stored, and takes one file from many replicas at once', async () => {
      const replicas = [store(), await underTest.replica(), await underTest.replica()];
      const content = randomBytes(50_000);
      const puts = await Promise.all(replicas.flatMap((replica) => [replica.put(Buffer.from(content)), replica.put(Buffer.from(content))]));
      expect(new Set(puts.map((put) => put.attachmentId))).to.deep.equal(new Set([attachmentIdOf(content)]));
      expect(await underTest.stored()).to.equal(1);
      for (const replica of replicas) expect((await replica.get(attachmentIdOf(content)))?.content.equals(content)).to.equal(true);
    });

    it('keeps a large file whole, byte for byte', async () => {
      const content = randomBytes(3 * 1024 * 1024 + 12_345);
      const { attachmentId } = await store().put(content);
      expect((await (await underTest.replica()).get(attachmentId))?.content.equals(content)).to.equal(true);
    });

    it('answers nothing for an id never stored, and never looks up one that is not a SHA-256', async () => {
      expect(await store().get(attachmentIdOf(Buffer.from('never uploaded')))).to.equal(undefined);
      for (const bad of ['', 'abc', '../../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}/`]) expect(await store().get(bad), bad).to.equal(undefined);
    });

    it('refuses to serve bytes that are not those the id names', async () => {
      const { attachmentId } = await store().put(Buffer.from('%PDF-1.7 the signed proposal'));
      await underTest.damage(attachmentId);
      const error = await store().get(attachmentId).then(() => undefined, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(AttachmentIntegrityError);
      expect((error as AttachmentIntegrityError).attachmentId).to.equal(attachmentId);
    });
  });
}
