export * from './vocabulary';
export * from './refusal';
export * from './signing';
export * from './validate';
export * from './filter';
export * from './pipeline';
