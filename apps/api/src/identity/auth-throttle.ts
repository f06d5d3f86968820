import { Throttle } from '@nestjs/throttler';

let perMinute = 20;

/** HOURBANK_SIGNIN_THROTTLE_PER_MINUTE, set once the configuration is read. */
export const configureSignInThrottle = (limit: number): void => {
  perMinute = limit;
};

/** Sign-in, invitation, reset and first-manager routes: counted per client IP and route, a minute at a time. */
export const SignInThrottle = () => Throttle({ default: { limit: () => perMinute, ttl: 60_000 } });
