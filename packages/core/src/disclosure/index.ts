export * from './decide';
export * from './notice';
export * from './restrict';
