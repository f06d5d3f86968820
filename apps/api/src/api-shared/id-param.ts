import { Param, type PipeTransform } from '@nestjs/common';
import { DomainError } from '#kernel';
import { ID_PATTERN } from './limits.js';

/** A path id that cannot name anything (wrong shape) is simply not found. */
class ObjectIdPipe implements PipeTransform<string, string> {
  constructor(private readonly notFoundCode: string) {}

  transform(value: string): string {
    if (!ID_PATTERN.test(value)) throw new DomainError(this.notFoundCode, 'Not found');
    return value;
  }
}

export const IdParam = (name: string, notFoundCode: string) => Param(name, new ObjectIdPipe(notFoundCode));
