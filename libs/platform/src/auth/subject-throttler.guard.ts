import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { HttpRequest } from '../http/http-types.js';
import { timePhaseAsync } from '../http/server-timing.js';

/** Runs after the AuthGuard: counts per token subject, per client IP when the route is public. */
@Injectable()
export class SubjectThrottlerGuard extends ThrottlerGuard {
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return timePhaseAsync('throttle', () => super.canActivate(context));
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const http = request as unknown as HttpRequest;
    const sub = http.hourbank?.principal?.sub;
    return sub !== undefined ? `sub:${sub}` : `ip:${http.ip ?? 'unknown'}`;
  }
}
