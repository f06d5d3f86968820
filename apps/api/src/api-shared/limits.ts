/** Input bounds shared by every request DTO: generous for real use, small enough to refuse abuse. */
export const LIMITS = {
  title: 200,
  description: 10_000,
  note: 2_000,
  name: 200,
  id: 100,
  minutes: 100_000,
  cents: 1_000_000_000,
  participants: 50,
  pageSize: 100,
} as const;

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
