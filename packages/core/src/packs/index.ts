export * from './builtin';
export * from './schema';
export * from './sources';
