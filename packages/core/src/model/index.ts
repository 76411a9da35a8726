export * from './domain';
export * from './issues';
export * from './limits';
export * from './parse';
export * from './primitives';
export * from './result';
export * from './utf8';
export * from './vocabulary';
