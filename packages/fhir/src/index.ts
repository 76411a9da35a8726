/**
 * `@peer-recovery/fhir`: the FHIR R4 adapter of peer-recovery. Exports a program to valid FHIR R4 resources
 * (transaction bundles, Bulk Data NDJSON), validates them, imports them back losslessly, and exchanges them with a
 * FHIR server. See docs/fhir.md for the mapping, codes, profiles and privacy labels.
 *
 * @packageDocumentation
 */
export * from './bundle';
export * from './client';
export * from './codes';
export * from './compiled-validate';
export * from './compliance';
export * from './disclosure';
export * from './export';
export * from './ids';
export * from './import';
export * from './importing/ndjson';
export * from './importing/profile';
export * from './importing/report';
export * from './importing/status';
export * from './instruments';
export * from './issues';
export * from './push';
export * from './validate';
