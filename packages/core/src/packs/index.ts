export * from './builtin';
export * from './markdown';
export * from './schema';
export * from './sources';
