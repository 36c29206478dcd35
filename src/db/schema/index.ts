export * from './availability.ts';
export * from './bookings.ts';
export * from './catalog.ts';
export * from './identity.ts';
export * from './immersio.ts';
export * from './landing.ts';
export * from './outbox.ts';
export * from './tenants.ts';
